import type { Article, Attachment, Author, FieldValue, Message, TicketForm, TicketPriority, TicketStatus } from '../api/types.js';
import { cycle, type CollectionRecord, type FileRecord, type MockStore, type TicketRecord, type UserRecord } from './store.js';

/** The one-time code the mock accepts for every address (the demo shows it). */
export const DEMO_OTP_CODE = '123456';

/** The seeded organization. */
export const SEED_ORGANIZATION = { id: 'org_northwind', name: 'Northwind Labs' } as const;

/**
 * The seeded people tests and the demo sign in as: a customer admin and two customers. Every
 * seeded ticket was requested by one of them.
 */
export const SEED_USERS = {
  admin: { id: 'usr_dana', email: 'dana.whitfield@northwind-labs.example', name: 'Dana Whitfield' },
  customer: { id: 'usr_priya', email: 'priya.raman@northwind-labs.example', name: 'Priya Raman' },
  customer2: { id: 'usr_marcus', email: 'marcus.oyelaran@northwind-labs.example', name: 'Marcus Oyelaran' },
} as const;

/** Strings that must render inert wherever they appear (subjects, names, messages). */
export const HOSTILE_STRINGS = {
  img: '<img src=x onerror=alert(1)>',
  script: '<script>alert("xss")</script>',
  jsLink: '[click for a refund](javascript:alert(1))',
  csv: '=HYPERLINK("https://evil.example","Click me")',
} as const;

/** A small deterministic PRNG (mulberry32): the same seed gives the same data on every load. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const MINUTE = 60_000;

function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${btoa(svg)}`;
}

function avatar(initials: string, color: string): string {
  return svgDataUrl(
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" rx="32" fill="${color}"/><text x="32" y="40" font-family="sans-serif" font-size="24" fill="#fff" text-anchor="middle">${initials}</text></svg>`,
  );
}

/**
 * A diagram in agents' replies and some articles. Markdown images take http(s) or raster data URLs
 * only (src/markdown/sanitize.ts), so it is a seeded file served by the mock backend, like an
 * image an agent uploaded; `DIAGRAM` in a body becomes its address once the API base is known.
 */
const DIAGRAM_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80" viewBox="0 0 240 80"><rect x="4" y="20" width="64" height="40" rx="6" fill="#dbeafe" stroke="#1d4ed8"/><text x="36" y="45" font-size="12" text-anchor="middle" font-family="sans-serif">Source</text><path d="M70 40h96" stroke="#1d4ed8" stroke-width="2" marker-end="url(#a)"/><defs><marker id="a" markerWidth="8" markerHeight="8" refX="6" refY="4" orient="auto"><path d="M0 0l8 4-8 4z" fill="#1d4ed8"/></marker></defs><rect x="170" y="20" width="64" height="40" rx="6" fill="#dcfce7" stroke="#15803d"/><text x="202" y="45" font-size="12" text-anchor="middle" font-family="sans-serif">Warehouse</text></svg>';
const DIAGRAM = '(diagram-url)';
const withDiagram = (body: string, base: string): string => body.replaceAll(DIAGRAM, `${base}/files/att_diagram`);

/** The three ticket forms, covering every field type, limits, patterns and conditions. */
function createForms(): TicketForm[] {
  return [
    {
      id: 'form_technical',
      name: 'Technical issue',
      description: 'Something in Fernwood is broken, slow or behaving unexpectedly.',
      priority: true,
      fields: [
        {
          key: 'product',
          label: 'Product area',
          type: 'select',
          required: true,
          options: [
            { value: 'pipelines', label: 'Pipelines' },
            { value: 'dashboards', label: 'Dashboards' },
            { value: 'api', label: 'REST API' },
            { value: 'webhooks', label: 'Webhooks' },
          ],
        },
        {
          key: 'environment',
          label: 'Environment',
          type: 'select',
          required: false,
          options: [
            { value: 'production', label: 'Production' },
            { value: 'staging', label: 'Staging' },
            { value: 'development', label: 'Development' },
          ],
        },
        {
          key: 'affected_version',
          label: 'Agent version',
          type: 'text',
          required: false,
          placeholder: '4.2.1',
          helpText: 'Run `fernwood --version` to see it.',
          pattern: '\\d+\\.\\d+(\\.\\d+)?',
          maxLength: 20,
        },
        { key: 'users_affected', label: 'Users affected', type: 'number', required: false, min: 1, max: 100000 },
        { key: 'occurred_on', label: 'First noticed on', type: 'date', required: false, min: '2020-01-01', max: '2099-12-31' },
        {
          key: 'browsers',
          label: 'Browsers',
          type: 'multiselect',
          required: false,
          options: [
            { value: 'chrome', label: 'Chrome' },
            { value: 'firefox', label: 'Firefox' },
            { value: 'safari', label: 'Safari' },
            { value: 'edge', label: 'Edge' },
          ],
          showWhen: [{ field: 'product', equals: 'dashboards' }],
        },
        {
          key: 'api_endpoint',
          label: 'Endpoint URL',
          type: 'url',
          required: true,
          placeholder: 'https://api.fernwood.example/v2/…',
          showWhen: [{ field: 'product', in: ['api', 'webhooks'] }],
        },
        { key: 'reproducible', label: 'I can reproduce it', type: 'checkbox', required: false },
        {
          key: 'repro_steps',
          label: 'Steps to reproduce',
          type: 'textarea',
          required: true,
          maxLength: 4000,
          showWhen: [{ field: 'reproducible', equals: true }],
        },
      ],
    },
    {
      id: 'form_billing',
      name: 'Billing question',
      description: 'Invoices, refunds, plan changes and tax details.',
      priority: false,
      fields: [
        {
          key: 'billing_topic',
          label: 'Topic',
          type: 'select',
          required: true,
          options: [
            { value: 'invoice', label: 'An invoice' },
            { value: 'refund', label: 'A refund' },
            { value: 'plan_change', label: 'Changing plans' },
            { value: 'tax', label: 'Tax or VAT' },
          ],
        },
        {
          key: 'invoice_number',
          label: 'Invoice number',
          type: 'text',
          required: false,
          placeholder: 'INV-000123',
          pattern: 'INV-\\d{6}',
          maxLength: 10,
          helpText: 'It is at the top right of the invoice.',
        },
        {
          key: 'refund_amount',
          label: 'Refund amount (USD)',
          type: 'number',
          required: true,
          min: 1,
          max: 10000,
          showWhen: [{ field: 'billing_topic', equals: 'refund' }],
        },
        {
          key: 'tax_id',
          label: 'VAT or tax ID',
          type: 'text',
          required: false,
          maxLength: 32,
          showWhen: [{ field: 'billing_topic', in: ['invoice', 'tax'] }],
        },
        { key: 'billing_email', label: 'Billing contact email', type: 'email', required: false },
      ],
    },
    {
      id: 'form_access',
      name: 'Account & access',
      description: 'Single sign-on, adding or removing people, and data exports.',
      priority: true,
      fields: [
        {
          key: 'request_type',
          label: 'What do you need?',
          type: 'select',
          required: true,
          options: [
            { value: 'sso', label: 'Set up single sign-on' },
            { value: 'add_user', label: 'Add people' },
            { value: 'remove_user', label: 'Remove people' },
            { value: 'data_export', label: 'Export our data' },
          ],
        },
        {
          key: 'idp_metadata_url',
          label: 'Identity provider metadata URL',
          type: 'url',
          required: true,
          showWhen: [{ field: 'request_type', equals: 'sso' }],
        },
        {
          key: 'user_emails',
          label: 'Email addresses, one per line',
          type: 'textarea',
          required: true,
          maxLength: 2000,
          showWhen: [{ field: 'request_type', in: ['add_user', 'remove_user'] }],
        },
        {
          key: 'export_formats',
          label: 'Formats',
          type: 'multiselect',
          required: true,
          options: [
            { value: 'csv', label: 'CSV' },
            { value: 'parquet', label: 'Parquet' },
            { value: 'json', label: 'JSON lines' },
          ],
          showWhen: [{ field: 'request_type', equals: 'data_export' }],
        },
        { key: 'deadline', label: 'Needed by', type: 'date', required: false, min: '2024-01-01' },
        { key: 'contact_email', label: 'Who should we contact?', type: 'email', required: true },
        { key: 'agree_terms', label: 'I am authorized to request this change', type: 'checkbox', required: true },
      ],
    },
  ];
}

interface TicketTemplate {
  subject: string;
  formId: string | null;
  fields: Record<string, FieldValue>;
  opening: string;
}

const TECH = 'form_technical';
const BILL = 'form_billing';
const ACCESS = 'form_access';

const TEMPLATES: TicketTemplate[] = [
  { subject: 'Nightly Postgres sync fails with "relation does not exist"', formId: TECH, fields: { product: 'pipelines', environment: 'production', affected_version: '4.2.1', reproducible: true, repro_steps: '1. Run the nightly job\n2. Watch it fail at step 3' }, opening: 'Our nightly sync started failing after we renamed a schema.\n\n```\nERROR: relation "analytics.events_v2" does not exist\n  at PgSource.fetch (source.js:212)\n```\n\nWe did **not** change the pipeline itself.' },
  { subject: 'Dashboard tiles show "No data" after timezone change', formId: TECH, fields: { product: 'dashboards', environment: 'production', browsers: ['chrome', 'firefox'] }, opening: 'Since we switched the workspace timezone to `Europe/Berlin`, half the tiles on the *Revenue* dashboard are empty.' },
  { subject: 'Webhook deliveries delayed by up to 20 minutes', formId: TECH, fields: { product: 'webhooks', environment: 'production', api_endpoint: 'https://hooks.northwind-labs.example/fernwood' }, opening: 'Deliveries to our endpoint arrive late. Timestamps from the last hour:\n\n| event | sent | received |\n| --- | --- | --- |\n| run.completed | 10:02 | 10:19 |\n| run.failed | 10:15 | 10:33 |' },
  { subject: 'Question about invoice INV-204811', formId: BILL, fields: { billing_topic: 'invoice', invoice_number: 'INV-204811', tax_id: 'DE811907980' }, opening: 'The March invoice lists 42 seats but we only have 35 active people. Can you check?' },
  { subject: 'Refund for duplicate annual charge', formId: BILL, fields: { billing_topic: 'refund', invoice_number: 'INV-199342', refund_amount: 4800 }, opening: 'We were charged twice for the annual plan on the same day. Please refund one of the charges.' },
  { subject: 'Intermittent 502s from the ingest API', formId: TECH, fields: { product: 'api', environment: 'production', api_endpoint: 'https://api.fernwood.example/v2/ingest', users_affected: 1200 }, opening: 'About 1 in 50 requests to `/v2/ingest` returns **502 Bad Gateway**. Sample request id: `req_8f2a91`.' },
  { subject: 'Set up SAML single sign-on with Okta', formId: ACCESS, fields: { request_type: 'sso', idp_metadata_url: 'https://northwind.okta.example/app/metadata', contact_email: 'it@northwind-labs.example', agree_terms: true }, opening: 'We would like everyone to sign in through Okta. Metadata URL is in the form.' },
  { subject: 'Add three analysts to our workspace', formId: ACCESS, fields: { request_type: 'add_user', user_emails: 'ana@northwind-labs.example\nli@northwind-labs.example\nbo@northwind-labs.example', contact_email: 'dana.whitfield@northwind-labs.example', agree_terms: true }, opening: 'Please add the three analysts listed in the form.' },
  { subject: 'Full data export before contract renewal', formId: ACCESS, fields: { request_type: 'data_export', export_formats: ['parquet', 'csv'], contact_email: 'legal@northwind-labs.example', agree_terms: true, deadline: '2025-09-30' }, opening: 'Our legal team needs a complete export of our workspace data.' },
  { subject: 'Scheduled report emails go to spam', formId: TECH, fields: { product: 'dashboards', environment: 'production' }, opening: 'Gmail marks the weekly report as spam. SPF and DKIM pass on our side.' },
  { subject: 'How do I rotate an API key without downtime?', formId: TECH, fields: { product: 'api', api_endpoint: 'https://api.fernwood.example/v2/keys' }, opening: 'Is there a way to have two keys valid at the same time while we roll out the new one?' },
  { subject: 'Pipeline stuck in "Queued" since yesterday', formId: TECH, fields: { product: 'pipelines', environment: 'staging', affected_version: '4.1.0' }, opening: 'The `orders_daily` pipeline has been queued for 26 hours.' },
  { subject: 'Switch from monthly to annual billing', formId: BILL, fields: { billing_topic: 'plan_change', billing_email: 'finance@northwind-labs.example' }, opening: 'We would like to move to annual billing from next month.' },
  { subject: 'VAT number missing on invoices', formId: BILL, fields: { billing_topic: 'tax', tax_id: 'GB123456789' }, opening: 'Our VAT number does not appear on the last three invoices.' },
  { subject: 'Remove a former employee', formId: ACCESS, fields: { request_type: 'remove_user', user_emails: 'sam.okafor@northwind-labs.example', contact_email: 'dana.whitfield@northwind-labs.example', agree_terms: true }, opening: 'Sam left the company last week; please make sure they can no longer sign in.' },
  { subject: 'CSV upload rejects files with BOM', formId: TECH, fields: { product: 'pipelines', reproducible: true, repro_steps: 'Upload any UTF-8 CSV saved by Excel.' }, opening: 'Files saved from Excel start with a byte-order mark and the importer says the first column is unknown.' },
  { subject: 'Chart export to PNG is blurry', formId: TECH, fields: { product: 'dashboards', browsers: ['safari'] }, opening: 'Exported charts look blurry on retina screens.' },
  { subject: 'Rate limit increase for batch backfill', formId: TECH, fields: { product: 'api', api_endpoint: 'https://api.fernwood.example/v2/batch', users_affected: 3 }, opening: 'We need to backfill 18 months of data. Could the limit be raised temporarily?' },
  { subject: 'Pipeline alerts not reaching Slack', formId: TECH, fields: { product: 'webhooks', api_endpoint: 'https://hooks.slack.example/services/T000/B000' }, opening: 'Alerts stopped arriving in `#data-alerts` on Monday.' },
  { subject: 'Onboarding call for new team members', formId: null, fields: {}, opening: 'Could we book a 30-minute onboarding session for four new colleagues?' },
  { subject: 'Incorrect row counts after dedupe step', formId: TECH, fields: { product: 'pipelines', environment: 'production', affected_version: '4.2.0', users_affected: 40 }, opening: 'The dedupe step reports 1,204 rows removed but the table only shrank by 980.' },
  { subject: 'Unable to connect Snowflake source', formId: TECH, fields: { product: 'pipelines', environment: 'development' }, opening: 'Connection test fails with `SSL handshake failed`.' },
  { subject: 'Custom domain for shared dashboards', formId: TECH, fields: { product: 'dashboards' }, opening: 'Can we serve shared dashboards from `insights.northwind-labs.example`?' },
  { subject: 'Seat count did not drop after removing users', formId: BILL, fields: { billing_topic: 'invoice', invoice_number: 'INV-210077' }, opening: 'We removed five people but are still billed for them.' },
  { subject: 'Feature request: dark mode for dashboards', formId: null, fields: {}, opening: 'Our NOC team would love a dark theme for the wall displays.' },
];

const HOSTILE_TEMPLATES: TicketTemplate[] = [
  { subject: `Export shows ${HOSTILE_STRINGS.img} in the name column`, formId: TECH, fields: { product: 'dashboards' }, opening: `One of our product names is literally \`${HOSTILE_STRINGS.img}\` and the export shows it raw:\n\n${HOSTILE_STRINGS.img}\n\n${HOSTILE_STRINGS.script}` },
  { subject: `${HOSTILE_STRINGS.script} in webhook payload`, formId: TECH, fields: { product: 'webhooks', api_endpoint: 'https://hooks.northwind-labs.example/x' }, opening: `A partner sent us a payload containing a script tag. Is that a risk? ${HOSTILE_STRINGS.jsLink}\n\n<a href="javascript:alert(2)">raw anchor</a> <iframe src="https://evil.example"></iframe>` },
];

const CUSTOMER_REPLIES = [
  'Thanks, that helps. I will try it this afternoon.',
  'Still happening on our side. Here is the latest log:\n\n```text\n2025-03-02T10:14:07Z WARN retrying batch 18/40 (timeout)\n2025-03-02T10:14:37Z ERROR batch 18/40 failed after 3 attempts\n```',
  'We tried the steps:\n\n1. Cleared the cache\n2. Re-ran the job\n3. Checked the permissions\n\nNo change, unfortunately.',
  'Attaching a screenshot of what we see.',
  'Any update on this? Our team is blocked.',
  'That worked! You can close this.',
  'Quick question: does this also apply to the staging workspace?',
  `Our vendor's name is ${HOSTILE_STRINGS.img}, in case it matters.`,
];

const AGENT_REPLIES = [
  'Thanks for reaching out! I am looking into this now and will update you shortly.',
  'Could you send us the **run id** and the approximate time it failed? You can find it under *Pipelines → History*.',
  'This is caused by a known issue in version 4.2.0. Please upgrade:\n\n```bash\nnpm install -g @fernwood/cli@4.2.1\nfernwood agent restart\n```\n\nSee the [release notes](https://docs.fernwood.example/releases/4-2-1) for details.',
  'Here is a summary of what we found:\n\n| check | result |\n| --- | --- |\n| DNS | ok |\n| TLS | ok |\n| Auth | **failed** |\n\nThe key you are using was revoked on Friday.',
  `Here is how the data flows in your setup:\n\n![Pipeline diagram](${DIAGRAM})`,
  'I have escalated this to our engineering team. We will get back to you within one business day.',
  'You can work around it for now with:\n\n- Setting `batchSize` to 500\n- Disabling parallel fetches\n- Re-running the failed window only',
  'Glad that worked! I will mark this as solved. Reply any time if it comes back.',
];

const SYSTEM_NOTES = ['Status changed to **Pending**.', 'This ticket was merged with a duplicate request.', 'Priority raised to **High** by an agent.'];

const STATUSES: TicketStatus[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
const PRIORITIES: TicketPriority[] = ['low', 'normal', 'high', 'urgent'];

function createUsers(now: number): UserRecord[] {
  const iso = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
  const d = 'northwind-labs.example';
  return [
    { ...SEED_USERS.admin, role: 'customer_admin', status: 'active', invitedAt: iso(600), lastSeenAt: iso(0.1) },
    { ...SEED_USERS.customer, role: 'customer', status: 'active', invitedAt: iso(540), lastSeenAt: iso(1) },
    { ...SEED_USERS.customer2, role: 'customer', status: 'active', invitedAt: iso(500), lastSeenAt: iso(3) },
    { id: 'usr_lena', email: `lena.hoffmann@${d}`, name: 'Lena Hoffmann', role: 'customer_admin', status: 'active', invitedAt: iso(420), lastSeenAt: iso(8) },
    { id: 'usr_yuki', email: `yuki.tanaka@${d}`, name: 'Yuki Tanaka', role: 'customer', status: 'active', invitedAt: iso(200), lastSeenAt: iso(15) },
    { id: 'usr_olu', email: `olu.adeyemi@${d}`, name: 'Olúwaseun Adéyẹmí', role: 'customer', status: 'active', invitedAt: iso(90), lastSeenAt: null },
    { id: 'usr_tomas', email: `tomas.alvarez@${d}`, name: 'Tomás Álvarez', role: 'customer', status: 'invited', invitedAt: iso(2), lastSeenAt: null },
    { id: 'usr_grace', email: `grace.liu@${d}`, name: 'Grace Liu', role: 'customer_admin', status: 'invited', invitedAt: iso(12), lastSeenAt: null },
    { id: 'usr_bobby', email: `bobby.tables@${d}`, name: HOSTILE_STRINGS.img, role: 'customer', status: 'invited', invitedAt: iso(5), lastSeenAt: null },
    { id: 'usr_sam', email: `sam.okafor@${d}`, name: 'Sam Okafor', role: 'customer', status: 'deactivated', invitedAt: iso(480), lastSeenAt: iso(40) },
    { id: 'usr_mallory', email: `mallory@${d}`, name: HOSTILE_STRINGS.csv, role: 'customer', status: 'deactivated', invitedAt: iso(300), lastSeenAt: iso(250) },
  ];
}

function createAgents(): { agents: Author[]; system: Author } {
  return {
    agents: [
      { id: 'agt_alex', name: 'Alex Moreno', kind: 'agent', avatarUrl: avatar('AM', '#1d4ed8') },
      { id: 'agt_jordan', name: 'Jordan Kim', kind: 'agent', avatarUrl: avatar('JK', '#15803d') },
      { id: 'agt_sofia', name: 'Sofía Castillo', kind: 'agent', avatarUrl: null },
    ],
    system: { id: 'system', name: 'Fernwood Support', kind: 'system', avatarUrl: null },
  };
}

function seedFiles(base: string): Map<string, FileRecord> {
  const files = new Map<string, FileRecord>();
  const add = (id: string, name: string, contentType: string, content: string) => {
    const blob = new Blob([content], { type: contentType });
    const attachment: Attachment = { id, name, size: blob.size, contentType, url: `${base}/files/${id}` };
    files.set(id, { attachment, blob, ownerId: null, usedBy: 'seed' });
  };
  add('att_log', 'sync-error.log', 'text/plain', '2025-03-02T02:00:01Z INFO start nightly sync\n2025-03-02T02:00:09Z ERROR relation "analytics.events_v2" does not exist\n');
  add('att_screenshot', 'dashboard-empty.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"><rect width="320" height="180" fill="#f1f5f9"/><text x="160" y="95" text-anchor="middle" font-family="sans-serif" fill="#64748b">No data</text></svg>');
  add('att_csv', 'row-counts.csv', 'text/csv', 'table,before,after\norders,10204,9224\nevents,88123,88123\n');
  add('att_diagram', 'pipeline-diagram.svg', 'image/svg+xml', DIAGRAM_SVG);
  add('att_pdf', 'INV-204811.pdf', 'application/pdf', '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  return files;
}

const COLLECTIONS: CollectionRecord[] = [
  { id: 'col_start', title: 'Getting started', description: 'Set up your workspace, invite your team and run your first pipeline.' },
  { id: 'col_pipelines', title: 'Pipelines', description: 'Sources, transforms, schedules and troubleshooting failed runs.' },
  { id: 'col_api', title: 'API & integrations', description: 'REST API, webhooks, keys and rate limits.' },
  { id: 'col_billing', title: 'Billing & plans', description: 'Invoices, seats, plan changes and tax.' },
  { id: 'col_security', title: 'Security & access', description: 'Single sign-on, roles, audit logs and data exports.' },
];

const ARTICLE_TITLES: Record<string, string[]> = {
  col_start: ['Create your workspace', 'Invite your team', 'Run your first pipeline', 'Understanding the dashboard', 'Keyboard shortcuts', 'Glossary of Fernwood terms'],
  col_pipelines: ['Connect a Postgres source', 'Schedule a pipeline', 'Fix "relation does not exist" errors', 'Deduplicate rows', 'Retry failed runs', 'Import CSV files'],
  col_api: ['Authenticate with API keys', 'Rotate an API key without downtime', 'Rate limits and retries', 'Verify webhook signatures', 'Paginate API results', `Embedding widgets: why ${HOSTILE_STRINGS.script} tags are stripped`],
  col_billing: ['How seats are counted', 'Change your plan', 'Request a refund', 'Add a VAT number to invoices'],
  col_security: ['Set up SAML single sign-on', 'Roles and permissions', 'Export all your data', 'Read the audit log', 'Deactivate a member', 'Two-factor authentication', 'Security practices at Fernwood', 'Data retention'],
};

function articleBody(title: string, collection: CollectionRecord, index: number, hostile: boolean): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const parts = [
    `${title} is part of **${collection.title}**. This guide walks you through it step by step and lists the problems people run into most often.`,
    '## Before you begin',
    '- You need the **Admin** or **Editor** role.\n- Have your workspace URL at hand.\n- Allow about 10 minutes.',
    '## Steps',
    `1. Open **Settings** in the sidebar.\n2. Choose *${collection.title}*.\n3. Follow the prompts, then select **Save**.`,
    '### From the command line',
    `\`\`\`bash\nfernwood login\nfernwood ${slug.split('-').slice(0, 2).join(' ')} --workspace northwind\n\`\`\``,
    '## Reference',
    '| option | default | description |\n| --- | --- | --- |\n| `timeout` | `30s` | How long to wait before giving up |\n| `retries` | `3` | How many times to retry |\n| `region` | `eu-west-1` | Where the data is processed |',
    '## Troubleshooting',
    `If something goes wrong, check the [status page](https://status.fernwood.example) first, then [contact support](https://support.fernwood.example/new?topic=${slug}).`,
  ];
  if (index % 3 === 0) parts.splice(2, 0, `![Overview](${DIAGRAM})`);
  if (hostile) {
    parts.push(`Raw HTML is never executed: ${HOSTILE_STRINGS.img} ${HOSTILE_STRINGS.script} <a href="javascript:alert(1)">not a link</a>`);
  }
  return parts.join('\n\n');
}

function createArticles(now: number, random: () => number): Article[] {
  const articles: Article[] = [];
  let n = 0;
  for (const collection of COLLECTIONS) {
    for (const title of ARTICLE_TITLES[collection.id] ?? []) {
      n += 1;
      articles.push({
        id: `art_${String(n).padStart(3, '0')}`,
        title,
        body: articleBody(title, collection, n, title.includes('<script>')),
        collectionId: collection.id,
        updatedAt: new Date(now - Math.floor(random() * 400 * DAY)).toISOString(),
        votes: { up: Math.floor(random() * 60), down: Math.floor(random() * 8) },
      });
    }
  }
  return articles;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Options of `createSeed`. */
export interface SeedOptions {
  /** The moment the data is built around ("now"); ticket dates reach back about 18 months. */
  now: Date;
  /** The API base path, used in attachment URLs. */
  basePath: string;
  /** PRNG seed; the same seed gives identical data. */
  seed?: number;
}

/** The id of the ticket with the 200-message thread (for paging); Priya Raman requested it. */
export const LONG_THREAD_TICKET_ID = 'tkt_1056';

/**
 * Builds the deterministic seed data: one organization with 11 members, about 60 tickets over the
 * last 18 months with their threads, 3 ticket forms, 5 collections with 30 articles.
 */
export function createSeed(options: SeedOptions): MockStore {
  const random = createRandom(options.seed ?? 20250301);
  const now = options.now.getTime();
  const base = options.basePath;
  const users = createUsers(now);
  const { agents, system } = createAgents();
  const forms = createForms();
  const files = seedFiles(base);
  const file = (id: string): Attachment => {
    const found = files.get(id);
    if (!found) throw new Error(`No seed file ${id}`);
    return found.attachment;
  };
  const requesters = [SEED_USERS.admin, SEED_USERS.customer, SEED_USERS.customer2];
  const tickets: TicketRecord[] = [];
  const messages = new Map<string, Message[]>();
  const total = 60;
  let messageSeq = 0;

  for (let i = 0; i < total; i += 1) {
    const number = 1001 + i;
    const id = `tkt_${number}`;
    const hostile = i === 17 || i === 41;
    const template = hostile ? cycle(HOSTILE_TEMPLATES, i === 17 ? 0 : 1) : cycle(TEMPLATES, i);
    const requester = cycle(requesters, i);
    // Oldest first: ticket 1001 is ~540 days old, the last one a few hours.
    const ageDays = Math.max(0.1, 540 * (1 - i / total) - random() * 4);
    const createdAt = now - ageDays * DAY;
    const old = ageDays > 240;
    let status: TicketStatus = i >= total - 6 ? cycle(STATUSES, i - (total - 6)) : old ? (random() < 0.7 ? 'closed' : 'solved') : pick(random, STATUSES);
    const priority: TicketPriority = i < 4 ? cycle(PRIORITIES, i) : pick(random, PRIORITIES);
    const isLong = id === LONG_THREAD_TICKET_ID;
    if (isLong) status = 'open';
    const count = isLong ? 200 : status === 'new' ? 1 : 1 + Math.floor(random() ** 2 * 39);
    const span = Math.max(count * 20 * MINUTE, Math.min(ageDays * DAY * 0.8, count * 0.6 * DAY));
    const thread: Message[] = [];
    for (let m = 0; m < count; m += 1) {
      messageSeq += 1;
      const at = createdAt + (m === 0 ? 0 : (span * m) / count + random() * 5 * MINUTE);
      const first = m === 0;
      const roll = random();
      const kind = first ? 'customer' : roll < 0.08 ? 'system' : m % 2 === 1 ? 'agent' : 'customer';
      const author: Author =
        kind === 'customer'
          ? { id: requester.id, name: requester.name, kind: 'customer', avatarUrl: null }
          : kind === 'agent'
            ? pick(random, agents)
            : system;
      let body = first ? template.opening : kind === 'agent' ? withDiagram(pick(random, AGENT_REPLIES), base) : kind === 'system' ? pick(random, SYSTEM_NOTES) : pick(random, CUSTOMER_REPLIES);
      if (isLong) body = `${body}\n\n_Update ${m + 1} of ${count}._`;
      const attachments: Attachment[] = [];
      if (first && i % 7 === 0) attachments.push(file('att_log'));
      if (kind === 'customer' && body.startsWith('Attaching a screenshot')) {
        const shot = file('att_screenshot');
        attachments.push(shot);
        body = `${body}\n\n![Empty dashboard](${shot.url})`;
      }
      if (first && template.formId === BILL && i % 2 === 0) attachments.push(file('att_pdf'));
      if (first && i === 20) attachments.push(file('att_csv'));
      thread.push({
        id: `msg_${String(messageSeq).padStart(5, '0')}`,
        ticketId: id,
        author,
        body,
        attachments,
        createdAt: new Date(Math.min(at, now - MINUTE)).toISOString(),
        clientId: null,
      });
    }
    const last = cycle(thread, -1);
    messages.set(id, thread);
    tickets.push({
      id,
      number,
      subject: template.subject,
      status,
      priority,
      requesterId: requester.id,
      createdAt: new Date(createdAt).toISOString(),
      updatedAt: last.createdAt,
      fields: { ...template.fields },
      formId: template.formId,
      satisfaction:
        (status === 'solved' || status === 'closed') && random() < 0.4
          ? { rating: random() < 0.8 ? 'good' : 'bad', comment: random() < 0.5 ? 'Quick and helpful, thank you!' : null }
          : null,
      unread: last.author.kind === 'agent' && !old && status !== 'closed',
    });
  }

  return {
    organization: { ...SEED_ORGANIZATION },
    users,
    agents,
    system,
    tickets,
    messages,
    forms,
    collections: COLLECTIONS.map((c) => ({ ...c })),
    articles: createArticles(now, random).map((article) => ({ ...article, body: withDiagram(article.body, base) })),
    files,
    nextTicketNumber: 1001 + total,
  };
}
