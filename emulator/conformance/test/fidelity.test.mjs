// Details an SDK sees that the emulator answers as Stripe does: events rendered per API
// version, fields always present (null when unset), event and balance filters, and the
// headers of an idempotent replay.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { account, all, receiver, shop } from './helpers.mjs';

// until polls check until it holds (deliveries run beside the requests).
async function until(what, check) {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within 5s`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

// declined has the reader decline a payment (insufficient funds).
async function declined(stripe, reader) {
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', allowed_payment_method_types: ['card_present'] });
  await stripe.terminal.readers.processPaymentIntent(reader, { payment_intent: pi.id });
  return stripe.testHelpers.terminal.readers.presentPaymentMethod(reader, { card_present: { number: '4000000000009995' } });
}

test("webhook events carry the endpoint's API version; the event API the account default's", async () => {
  const { stripe } = account(); // stripe-node's own version: 2026-10-28.endive
  const old = await receiver();
  const dahlia = await receiver();
  try {
    const enabled = ['terminal.reader.action_failed'];
    const epOld = await stripe.webhookEndpoints.create({ url: old.url, enabled_events: enabled });
    const epNew = await stripe.webhookEndpoints.create({ url: dahlia.url, enabled_events: enabled, api_version: '2026-05-27.dahlia' });
    const { reader } = await shop(stripe);
    const answered = await declined(stripe, reader.id);
    assert.equal(answered.action.api_error.decline_code, 'insufficient_funds');

    await until('both deliveries', () => old.got.length === 1 && dahlia.got.length === 1);
    const evOld = stripe.webhooks.constructEvent(old.got[0].body, old.got[0].signature, epOld.secret);
    const evNew = stripe.webhooks.constructEvent(dahlia.got[0].body, dahlia.got[0].signature, epNew.secret);
    assert.equal(evOld.id, evNew.id);
    assert.equal(evOld.api_version, '2023-10-16'); // the emulator account's default
    assert.equal('api_error' in evOld.data.object.action, false);
    assert.equal(evNew.api_version, '2026-05-27.dahlia');
    assert.equal(evNew.data.object.action.api_error.code, 'card_declined');

    const stored = await stripe.events.retrieve(evNew.id);
    assert.equal(stored.api_version, '2023-10-16');
    assert.equal('api_error' in stored.data.object.action, false);
  } finally {
    old.close();
    dahlia.close();
  }
});

test('fields Stripe always sends are there, null when unset', async () => {
  const { stripe } = account();
  const { reader } = await shop(stripe);
  const pi = await stripe.paymentIntents.create({ amount: 1500, currency: 'usd', allowed_payment_method_types: ['card_present'] });
  for (const field of ['automatic_payment_methods', 'customer_account', 'excluded_payment_method_types', 'managed_payments',
    'payment_method_configuration_details', 'review']) {
    assert.ok(field in pi, field);
    assert.equal(pi[field], null, field);
  }
  assert.deepEqual(pi.allowed_payment_method_types, ['card_present']);
  const plain = await stripe.paymentIntents.create({ amount: 1500, currency: 'usd' });
  assert.equal(plain.allowed_payment_method_types, null); // from 2026-07-29.dahlia: null, not absent

  await stripe.terminal.readers.processPaymentIntent(reader.id, { payment_intent: pi.id });
  await stripe.testHelpers.terminal.readers.presentPaymentMethod(reader.id);
  const paid = await stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] });
  const charge = paid.latest_charge;
  assert.equal(charge.outcome.network_decline_code, null);
  assert.equal(charge.billing_details.tax_id, null);
  const cp = charge.payment_method_details.card_present;
  for (const field of ['brand_product', 'network_transaction_id', 'offline', 'preferred_locales']) {
    assert.ok(field in cp, field);
  }
  const refund = await stripe.refunds.create({ payment_intent: pi.id });
  assert.equal(refund.payment_method, charge.payment_method);
  for (const field of ['customer', 'customer_account', 'receipt_number', 'source_transfer_reversal', 'transfer_reversal']) {
    assert.ok(field in refund, field);
    assert.equal(refund[field], null, field);
  }
});

test('events list by delivery_success; a balance list by payout is a 404', async () => {
  const { stripe } = account();
  const ok = await receiver(200);
  const failing = await receiver(500);
  try {
    await stripe.webhookEndpoints.create({ url: ok.url, enabled_events: ['payment_intent.created'] });
    await stripe.webhookEndpoints.create({ url: failing.url, enabled_events: ['payment_intent.canceled'] });
    const pi = await stripe.paymentIntents.create({ amount: 700, currency: 'usd', allowed_payment_method_types: ['card_present'] });
    await stripe.paymentIntents.cancel(pi.id);
    const byDelivery = async (success) => (await all(stripe.events.list({ delivery_success: success }))).map((e) => e.type);
    // Three attempts, then the failing endpoint gives up; the other took its event at once.
    await until('deliveries counted', async () => failing.got.length >= 1 && (await byDelivery(true)).includes('payment_intent.created'));
    assert.deepEqual(await byDelivery(true), ['payment_intent.created']);
    assert.deepEqual(await byDelivery(false), ['payment_intent.canceled']);
    const created = (await all(stripe.events.list({ type: 'payment_intent.created' })))[0];
    assert.equal(created.pending_webhooks, 0);
  } finally {
    ok.close();
    failing.close();
  }
  await assert.rejects(stripe.balanceTransactions.list({ payout: 'po_1Missing' }),
    (err) => err.statusCode === 404 && err.code === 'resource_missing' && err.param === 'payout');
});

test('an idempotent replay has its own request id and names the original', async () => {
  const { stripe } = account();
  const params = { amount: 900, currency: 'usd', allowed_payment_method_types: ['card_present'] };
  const first = await stripe.paymentIntents.create(params, { idempotencyKey: 'fidelity-replay-1' });
  const again = await stripe.paymentIntents.create(params, { idempotencyKey: 'fidelity-replay-1' });
  assert.equal(again.id, first.id);
  assert.equal(first.lastResponse.headers['idempotent-replayed'], undefined);
  assert.equal(first.lastResponse.headers['original-request'], first.lastResponse.requestId);
  assert.equal(again.lastResponse.headers['idempotent-replayed'], 'true');
  assert.notEqual(again.lastResponse.requestId, first.lastResponse.requestId);
  assert.equal(again.lastResponse.headers['original-request'], first.lastResponse.requestId);
});

test('search matches a token in any case, and takes and/or in any case', async () => {
  const { stripe } = account();
  const pi = await stripe.paymentIntents.create({ amount: 800, currency: 'usd', allowed_payment_method_types: ['card_present'],
    metadata: { order_id: 'Ord-42' } });
  for (const query of ["metadata['order_id']:'ord-42'", "metadata['order_id']:'ORD-42' and currency:'USD'"]) {
    const found = await stripe.paymentIntents.search({ query });
    assert.deepEqual(found.data.map((p) => p.id), [pi.id], query);
  }
});
