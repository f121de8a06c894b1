import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';

describe('test harness', () => {
  it('intercepts fetch with msw in the browser', async () => {
    const worker = setupWorker(http.get('/api/ping', () => HttpResponse.json({ ok: true })));
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
    const res = await fetch('/api/ping');
    expect(await res.json()).to.deep.equal({ ok: true });
    worker.stop();
  });
});
