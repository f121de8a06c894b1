import { expect, fixture, html, waitUntil as openWcWaitUntil } from '@open-wc/testing';
import { LitElement, html as litHtml, render } from 'lit';
import { PortalError } from '../src/api/errors.js';
import type { Field } from '../src/api/types.js';
import { PortalElement, defineElement } from '../src/base/portal-element.js';
import { fieldDefinitions, fieldLabel, formatFieldValue, priorityIndicator, renderFieldValue, statusBadge, ticketDisplayStyles } from '../src/base/ticket-display.js';
import { PollController } from '../src/controllers/poll.js';
import { ticketEn } from '../src/i18n/en/ticket.js';
import type { PollOptions } from '../src/controllers/poll.js';
import { UrlStateController } from '../src/controllers/url-state.js';
import { DraftController } from '../src/controllers/draft.js';

function waitUntil(predicate: () => unknown, message?: string): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: 5000 });
}
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

class PollHost extends LitElement {
  controller?: PollController;
  setup(options: PollOptions): PollController {
    this.controller = new PollController(this, options);
    return this.controller;
  }
}
defineElement('test-poll-host', PollHost);

class UrlHost extends LitElement {
  changes: string[] = [];
  readonly url = new UrlStateController(this, {
    params: ['q', 'status'],
    onChange: (values) => this.changes.push(`${values.q ?? ''}|${values.status ?? ''}`),
  });
}
defineElement('test-url-host', UrlHost);

class DisplayHost extends PortalElement {
  static override styles = [ticketDisplayStyles];
  static override strings = [ticketEn];
  protected override render(): unknown {
    return litHtml`${statusBadge(this.localize, 'pending')} ${priorityIndicator(this.localize, 'urgent', true)}`;
  }
}
defineElement('test-display-host', DisplayHost);

/** A fake visibility state, so pausing can be tested without hiding the test tab. */
function setVisibility(state: 'visible' | 'hidden'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

/** A poll host placed on the page, not yet connected to the controller's options. */
async function pollHost(options: Omit<PollOptions, 'poll'> & { poll?: PollOptions['poll'] }): Promise<{ host: PollHost; calls: () => number }> {
  let calls = 0;
  const host = document.createElement('test-poll-host') as PollHost;
  host.setup({
    ...options,
    poll:
      options.poll ??
      (() => {
        calls++;
        return Promise.resolve();
      }),
  });
  await fixture(html`<div></div>`).then((wrapper) => wrapper.append(host));
  return { host, calls: () => calls };
}

describe('PollController', () => {
  afterEach(() => {
    // Back to the real visibility.
    delete (document as { visibilityState?: unknown }).visibilityState;
  });

  it('polls every interval while connected, and stops when disconnected', async () => {
    const { host, calls } = await pollHost({ interval: () => 20 });
    expect(calls()).to.equal(0);
    await waitUntil(() => calls() >= 3, 'three polls');
    host.remove();
    const after = calls();
    await sleep(80);
    expect(calls()).to.equal(after);
  });

  it('does not poll with an interval of 0, nor while not enabled', async () => {
    const off = await pollHost({ interval: () => 0 });
    let enabled = false;
    const gated = await pollHost({ interval: () => 15, enabled: () => enabled });
    await sleep(80);
    expect(off.calls()).to.equal(0);
    expect(gated.calls()).to.equal(0);
    enabled = true;
    await waitUntil(() => gated.calls() >= 1, 'polls once enabled');
  });

  it('pauses while the tab is hidden, aborting a poll in flight, and polls at once when shown', async () => {
    const signals: AbortSignal[] = [];
    let calls = 0;
    const { host } = await pollHost({
      interval: () => 10_000,
      poll: (signal) => {
        calls++;
        signals.push(signal);
        return new Promise(() => undefined);
      },
    });
    void host.controller?.pollNow();
    expect(calls).to.equal(1);
    setVisibility('hidden');
    expect(signals[0]?.aborted).to.equal(true);
    expect(host.controller?.scheduled).to.equal(false);
    setVisibility('visible');
    expect(calls).to.equal(2);
    expect(signals[1]?.aborted).to.equal(false);
    host.remove();
    expect(signals[1]?.aborted).to.equal(true);
  });

  it('backs off after failures and resets after a success', async () => {
    let fail = true;
    const times: number[] = [];
    const { host } = await pollHost({
      interval: () => 20,
      poll: () => {
        times.push(performance.now());
        return fail ? Promise.reject(new PortalError({ status: 500, title: 'Down' })) : Promise.resolve();
      },
    });
    await waitUntil(() => times.length >= 3, 'three failed polls');
    expect(host.controller?.failures ?? 0).to.be.at.least(2);
    // After two failures the wait is 20 × 2² = 80 ms, after one 40 ms.
    const gap = (times[2] ?? 0) - (times[1] ?? 0);
    expect(gap).to.be.at.least(75);
    fail = false;
    await waitUntil(() => host.controller?.failures === 0, 'a success resets the backoff');
    host.remove();
  });

  it('waits at least the Retry-After of a 429', async () => {
    const times: number[] = [];
    const { host } = await pollHost({
      interval: () => 10,
      poll: () => {
        times.push(performance.now());
        return times.length === 1 ? Promise.reject(new PortalError({ status: 429, title: 'Slow down', retryAfter: 1 })) : Promise.resolve();
      },
    });
    await waitUntil(() => times.length >= 2, 'polled again after the wait');
    expect((times[1] ?? 0) - (times[0] ?? 0)).to.be.at.least(950);
    host.remove();
  });
});

describe('UrlStateController', () => {
  let start = '';
  beforeEach(() => {
    start = location.href;
  });
  afterEach(() => {
    history.replaceState(history.state, '', start);
  });

  it('reads, writes and removes its own parameters and keeps the others', async () => {
    history.replaceState(null, '', `${location.pathname}?keep=1&q=old#top`);
    const host = await fixture<UrlHost>(html`<test-url-host></test-url-host>`);
    expect(host.url.read().q).to.equal('old');
    expect(host.url.read().status).to.equal(null);
    expect(host.url.write({ q: 'export csv', status: 'open,pending' })).to.equal(true);
    expect(location.search).to.equal('?keep=1&q=export+csv&status=open%2Cpending');
    expect(location.hash).to.equal('#top');
    expect(host.url.write({ q: 'export csv' })).to.equal(false);
    host.url.write({ q: '', status: null });
    expect(location.search).to.equal('?keep=1');
  });

  it('gets any parameter by name, owned or not (thread reads the one its url-param attribute names)', async () => {
    history.replaceState(null, '', `${location.pathname}?ticket=t1`);
    const host = await fixture<UrlHost>(html`<test-url-host></test-url-host>`);
    const unowned = new UrlStateController<string>(host, { params: [] });
    expect(unowned.get('ticket')).to.equal('t1');
    expect(host.url.get('q')).to.equal(null);
  });

  it('pushes a history entry on request and reports back/forward', async () => {
    history.replaceState(null, '', `${location.pathname}?q=first`);
    const host = await fixture<UrlHost>(html`<test-url-host></test-url-host>`);
    const before = history.length;
    host.url.write({ q: 'second', status: 'open' }, { history: 'push' });
    expect(history.length).to.equal(before + 1);
    history.back();
    await waitUntil(() => host.changes.length > 0, 'popstate reported');
    expect(host.changes[0]).to.equal('first|');
    host.remove();
    history.forward();
    await sleep(50);
    expect(host.changes.length).to.equal(1);
  });
});

describe('DraftController', () => {
  /** A Storage whose writes fail (full or blocked) until `full` is set to false. */
  function flakyStorage(): Storage & { full: boolean } {
    const map = new Map<string, string>();
    return {
      full: true,
      get length() {
        return map.size;
      },
      clear: () => map.clear(),
      key: (index: number) => [...map.keys()][index] ?? null,
      getItem: (key: string) => map.get(key) ?? null,
      removeItem: (key: string) => void map.delete(key),
      setItem(key: string, value: string) {
        if (this.full) throw new DOMException('full', 'QuotaExceededError');
        map.set(key, value);
      },
    };
  }

  it('keeps a draft it could not write, returns it, and writes it once storage accepts it', () => {
    const storage = flakyStorage();
    const host = document.createElement('test-poll-host') as PollHost;
    const draft = new DraftController<{ body: string }>(host, { storage: () => storage });
    draft.save('usr_1', 'thread:t1', { body: 'typed text' });
    draft.flush();
    expect(storage.getItem('portal-elements:draft:usr_1:thread:t1')).to.equal(null);
    expect(draft.read('usr_1', 'thread:t1')?.body).to.equal('typed text');
    storage.full = false;
    draft.flush();
    expect(storage.getItem('portal-elements:draft:usr_1:thread:t1') ?? '').to.contain('typed text');
    expect(draft.read('usr_1', 'thread:t1')?.body).to.equal('typed text');
  });
});

describe('ticket display helpers', () => {
  const date: Field = { key: 'deadline', label: 'Deadline', type: 'date', required: false };
  const select: Field = { key: 'product', label: 'Product', type: 'multiselect', required: false, options: [{ value: 'dashboards', label: 'Dashboards' }, { value: 'pipelines', label: 'Pipelines' }] };

  it('formats field values in the element language', async () => {
    const host = await fixture<DisplayHost>(html`<test-display-host></test-display-host>`);
    // The localize controller is protected: reach it as a test would through the helpers' callers.
    const localize = (host as unknown as { localize: Parameters<typeof formatFieldValue>[0] }).localize;
    expect(formatFieldValue(localize, ['pipelines', 'dashboards'], select)).to.equal('Pipelines and Dashboards');
    expect(formatFieldValue(localize, true)).to.equal('Yes');
    expect(formatFieldValue(localize, 12345.5)).to.equal('12,345.5');
    expect(formatFieldValue(localize, '2025-09-30', date)).to.equal('Sep 30, 2025');
    expect(formatFieldValue(localize, null)).to.equal('—');
    expect(formatFieldValue(localize, 'something else', select)).to.equal('something else');
    expect(fieldLabel('billing_topic')).to.equal('Billing topic');
    expect(fieldDefinitions([{ id: 'f', name: 'F', description: '', fields: [select, date] }]).get('deadline')?.label).to.equal('Deadline');
  });

  it('renders an empty field as a dash for the eye and "Not set" for screen readers', async () => {
    const host = await fixture<DisplayHost>(html`<test-display-host></test-display-host>`);
    const localize = (host as unknown as { localize: Parameters<typeof renderFieldValue>[0] }).localize;
    expect(renderFieldValue(localize, 'Pipelines')).to.equal('Pipelines');
    for (const empty of [null, '', [], undefined]) {
      const cell = document.createElement('dd');
      render(renderFieldValue(localize, empty), cell);
      const [dash, words] = [...cell.querySelectorAll('span')];
      expect(dash?.getAttribute('aria-hidden')).to.equal('true');
      expect(dash?.textContent).to.equal('—');
      expect(words?.className).to.equal('visually-hidden');
      expect(words?.textContent).to.equal('Not set');
    }
  });

  it('renders a status badge and a named priority', async () => {
    const host = await fixture<DisplayHost>(html`<test-display-host></test-display-host>`);
    const root = host.shadowRoot as ShadowRoot;
    expect(root.querySelector('[part="status-badge"]')?.getAttribute('data-status')).to.equal('pending');
    expect(root.querySelector('[part="status-badge"]')?.textContent?.trim()).to.equal('Awaiting your reply');
    expect(root.querySelector('[part="priority"] .visually-hidden')?.textContent).to.equal('Priority: Urgent');
  });
});
