// Renders one element for scripts/visual.mjs: ?tag=portal-ticket-list&theme=dark&lang=ar&attrs=…
// A session handed in by the check (window.__portalSession) is signed in first, so the element
// renders what a signed-in person sees.
const params = new URLSearchParams(location.search);
const tag = params.get('tag') ?? 'portal-login';
const theme = params.get('theme') ?? 'light';
const lang = params.get('lang') ?? 'en';
const attrs = JSON.parse(params.get('attrs') ?? '{}');
const brand = params.get('brand');
if (brand) document.documentElement.classList.add(`brand-${brand}`);

if (theme === 'dark') document.body.classList.add('dark');
// A right-to-left language stands for a page in that language: the whole page is right to left.
if (lang === 'ar') Object.assign(document.documentElement, { lang, dir: 'rtl' });
const provider = document.createElement('portal-provider');
provider.setAttribute('api-base', '/api');
provider.setAttribute('token-storage', 'memory');
provider.setAttribute('theme', theme);
provider.setAttribute('lang', lang);
document.getElementById('stage').append(provider);

await customElements.whenDefined('portal-provider');
const session = window.__portalSession;
if (session) await provider.services.session.signIn(session);
const element = document.createElement(tag);
for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
provider.append(element);
await customElements.whenDefined(tag);
document.documentElement.dataset.visualReady = 'true';
