// Webhook endpoints: registered through the API, then sent every event they enabled,
// signed with their secret and rendered at their API version.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { account, all, client, pay, receiver, shop } from './helpers.mjs';

test('registered endpoints get signed events at their API version', async () => {
  const { id, stripe } = account();
  const all_ = await receiver();
  const some = await receiver();
  try {
    const epAll = await stripe.webhookEndpoints.create({ url: all_.url, enabled_events: ['*'], description: 'everything' });
    const epSome = await stripe.webhookEndpoints.create({ url: some.url, enabled_events: ['payment_intent.succeeded'], api_version: '2023-10-16' });
    assert.match(epAll.secret, /^whsec_/);
    assert.equal((await stripe.webhookEndpoints.retrieve(epAll.id)).secret, undefined);
    assert.equal((await all(stripe.webhookEndpoints.list())).length, 2);

    const { reader } = await shop(stripe);
    const pi = await pay(stripe, reader.id);
    const events = (await all_.take(5)).map((d) => stripe.webhooks.constructEvent(d.body, d.signature, epAll.secret));
    assert.deepEqual(events.map((e) => e.type),
      ['payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded', 'charge.updated', 'terminal.reader.action_succeeded']);
    // automatic_async (the SDK version's default): the balance transaction comes with charge.updated.
    assert.equal(events[1].data.object.balance_transaction, null);
    assert.match(events[3].data.object.balance_transaction, /^txn_/);
    assert.deepEqual(events[3].data.previous_attributes, { balance_transaction: null });
    assert.equal(events[0].account, id);
    const [one] = await some.take(1);
    const ev = stripe.webhooks.constructEvent(one.body, one.signature, epSome.secret);
    assert.equal(ev.type, 'payment_intent.succeeded');
    assert.equal(ev.api_version, '2023-10-16');
    assert.equal(ev.data.object.id, pi.id);
    assert.throws(() => stripe.webhooks.constructEvent(one.body, one.signature, epAll.secret));
    const retrieved = await stripe.events.retrieve(ev.id);
    assert.equal(retrieved.type, 'payment_intent.succeeded');

    await stripe.webhookEndpoints.update(epAll.id, { disabled: true });
    assert.equal((await stripe.webhookEndpoints.retrieve(epAll.id)).status, 'disabled');
    assert.equal((await stripe.webhookEndpoints.del(epSome.id)).deleted, true);
  } finally {
    all_.close();
    some.close();
  }
});

test("a platform's Connect endpoint gets its connected accounts' events", async () => {
  const platform = client();
  const hook = await receiver();
  const ep = await platform.webhookEndpoints.create({ url: hook.url, enabled_events: ['payment_intent.created'], connect: true });
  try {
    const { id, stripe } = account();
    const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', allowed_payment_method_types: ['card_present'] });
    const [d] = await hook.take(1);
    const ev = platform.webhooks.constructEvent(d.body, d.signature, ep.secret);
    assert.equal(ev.account, id);
    assert.equal(ev.data.object.id, pi.id);
  } finally {
    await platform.webhookEndpoints.del(ep.id);
    hook.close();
  }
});

test('charge.updated at each endpoint\'s version, with previous_attributes', async () => {
  const { stripe } = account({ apiVersion: '2025-03-31.basil' });
  const old = await receiver();
  const basil = await receiver();
  const epOld = await stripe.webhookEndpoints.create({ url: old.url, enabled_events: ['charge.updated'], api_version: '2023-10-16' });
  const epNew = await stripe.webhookEndpoints.create({ url: basil.url, enabled_events: ['charge.updated'], api_version: '2025-03-31.basil' });
  try {
    const { reader } = await shop(stripe);
    const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' }); // automatic_async
    await stripe.terminal.readers.processPaymentIntent(reader.id, { payment_intent: pi.id });
    await stripe.testHelpers.terminal.readers.presentPaymentMethod(reader.id);
    const { latest_charge: charge } = await stripe.paymentIntents.retrieve(pi.id);
    await stripe.charges.update(charge, { metadata: { order: '42' } });
    for (const [hook, ep, invoice] of [[old, epOld, true], [basil, epNew, false]]) {
      const events = (await hook.take(2)).map((d) => stripe.webhooks.constructEvent(d.body, d.signature, ep.secret));
      assert.deepEqual(events.map((e) => [e.api_version, e.data.previous_attributes]),
        [[ep.api_version, { balance_transaction: null }], [ep.api_version, { metadata: { order: null } }]]);
      assert.deepEqual(events.map((e) => 'invoice' in e.data.object), [invoice, invoice]);
    }
  } finally {
    old.close();
    basil.close();
  }
});
