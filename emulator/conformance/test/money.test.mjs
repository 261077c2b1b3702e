// After the payment: charges, refunds, balance transactions, payment methods, events.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { account, all, pay, shop } from './helpers.mjs';

test('charges: list, retrieve, search, update, capture', async () => {
  const { stripe } = account();
  const { reader } = await shop(stripe);
  const held = await pay(stripe, reader.id, { capture_method: 'manual', metadata: { order_id: 'o-7' } });
  const chargeId = held.latest_charge.id;
  const charges = await all(stripe.charges.list({ payment_intent: held.id }));
  assert.deepEqual(charges.map((c) => c.id), [chargeId]);
  const found = await stripe.charges.search({ query: "metadata['order_id']:'o-7'" });
  assert.deepEqual(found.data.map((c) => c.id), [chargeId]);
  assert.equal((await stripe.charges.update(chargeId, { description: 'table 7' })).description, 'table 7');
  const captured = await stripe.charges.capture(chargeId, { amount: 900, expand: ['balance_transaction'] });
  assert.equal(captured.amount_captured, 900);
  assert.equal(captured.balance_transaction.amount, 900);
  assert.equal(captured.balance_transaction.fee, 29); // 2.7% + 5¢
  assert.equal(captured.balance_transaction.net, 871);
  assert.equal((await stripe.paymentIntents.retrieve(held.id)).status, 'succeeded');
  const pm = await stripe.paymentMethods.retrieve(captured.payment_method);
  assert.equal(pm.card_present.last4, '4242');
});

test('refunds: create, retrieve, update, list, cancel refused, visible on the charge', async () => {
  const { stripe } = account();
  const { reader } = await shop(stripe);
  const paid = await pay(stripe, reader.id, { amount: 3000 });
  const refund = await stripe.refunds.create({ payment_intent: paid.id, amount: 1000, reason: 'requested_by_customer', expand: ['balance_transaction'] });
  assert.equal(refund.status, 'succeeded');
  assert.equal(refund.balance_transaction.amount, -1000);
  await stripe.refunds.create({ charge: paid.latest_charge.id, amount: 500 });
  assert.deepEqual((await stripe.refunds.update(refund.id, { metadata: { ticket: 't-1' } })).metadata, { ticket: 't-1' });
  assert.equal((await all(stripe.refunds.list({ payment_intent: paid.id }))).length, 2);
  await assert.rejects(stripe.refunds.cancel(refund.id), { type: 'StripeInvalidRequestError' });
  const charge = await stripe.charges.retrieve(paid.latest_charge.id, { expand: ['refunds'] });
  assert.equal(charge.amount_refunded, 1500);
  assert.equal(charge.refunds.data.length, 2);
  // stripe-node has no method for a charge's refunds list; its raw request reaches it.
  const listed = await stripe.rawRequest('GET', `/v1/charges/${charge.id}/refunds`, {});
  assert.equal(listed.data.length, 2);
  await assert.rejects(stripe.refunds.create({ payment_intent: paid.id, amount: 5000 }), { code: 'amount_too_large' });
});

test('refund_fail: pending, then failed with a reason', async () => {
  const { stripe } = account();
  const { reader } = await shop(stripe);
  const paid = await pay(stripe, reader.id, {}, { card_present: { number: '4000000000005126' } });
  const refund = await stripe.refunds.create({ payment_intent: paid.id });
  assert.equal(refund.status, 'pending');
  let now = refund;
  for (let i = 0; i < 40 && now.status === 'pending'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    now = await stripe.refunds.retrieve(refund.id);
  }
  assert.equal(now.status, 'failed');
  assert.equal(now.failure_reason, 'expired_or_canceled_card');
  const events = await all(stripe.events.list({ type: 'refund.failed' }));
  assert.equal(events[0].data.object.id, refund.id);
});

test('balance transactions: list and retrieve', async () => {
  const { stripe } = account();
  const { reader } = await shop(stripe);
  const paid = await pay(stripe, reader.id, { amount: 10000 });
  const charge = await stripe.charges.retrieve(paid.latest_charge.id);
  const bt = await stripe.balanceTransactions.retrieve(charge.balance_transaction);
  assert.deepEqual([bt.amount, bt.fee, bt.net, bt.type, bt.source], [10000, 275, 9725, 'charge', charge.id]);
  const listed = await all(stripe.balanceTransactions.list({ type: 'charge' }));
  assert.deepEqual(listed.map((b) => b.id), [bt.id]);
});

test('refunds after a partial capture: the captured amount is refundable whole, the release is not', async () => {
  const { stripe } = account();
  const { reader } = await shop(stripe);
  const held = await pay(stripe, reader.id, { capture_method: 'manual', amount: 1000 });
  await stripe.paymentIntents.capture(held.id, { amount_to_capture: 800 });
  await stripe.refunds.create({ payment_intent: held.id, amount: 300 });
  const rest = await stripe.refunds.create({ payment_intent: held.id });
  assert.equal(rest.amount, 500);
  const charge = await stripe.charges.retrieve(held.latest_charge.id);
  assert.deepEqual([charge.amount_captured, charge.amount_refunded, charge.refunded], [800, 1000, true]);
  await assert.rejects(stripe.refunds.create({ payment_intent: held.id }), { code: 'charge_already_refunded' });
});

test('a charge takes receipt_email and statement descriptors from its PaymentIntent and capture', async () => {
  const { stripe } = account();
  const { reader } = await shop(stripe);
  const held = await pay(stripe, reader.id, { capture_method: 'manual', receipt_email: 'a@example.com', statement_descriptor_suffix: 'TABLE 4' });
  assert.equal(held.latest_charge.receipt_email, 'a@example.com');
  assert.equal(held.latest_charge.statement_descriptor_suffix, 'TABLE 4');
  assert.equal(held.latest_charge.receipt_number, null);
  assert.deepEqual(held.latest_charge.fraud_details, {});
  await stripe.paymentIntents.capture(held.id, { statement_descriptor_suffix: 'TABLE 5' });
  const charge = await stripe.charges.update(held.latest_charge.id, { receipt_email: 'b@example.com' });
  assert.deepEqual([charge.statement_descriptor_suffix, charge.receipt_email], ['TABLE 5', 'b@example.com']);
});

test('*.updated events carry previous_attributes', async () => {
  const { stripe } = account();
  const { reader } = await shop(stripe);
  const paid = await pay(stripe, reader.id, { capture_method: 'automatic' });
  await stripe.charges.update(paid.latest_charge.id, { description: 'table 9' });
  const refund = await stripe.refunds.create({ payment_intent: paid.id, amount: 100, metadata: { note: 'a' } });
  await stripe.refunds.update(refund.id, { metadata: { note: 'b' } });
  const [chargeUpdated] = await all(stripe.events.list({ type: 'charge.updated' }));
  assert.deepEqual(chargeUpdated.data.previous_attributes, { description: null });
  const [refundUpdated] = await all(stripe.events.list({ type: 'refund.updated' }));
  assert.deepEqual(refundUpdated.data.previous_attributes, { metadata: { note: 'a' } });
  const [created] = await all(stripe.events.list({ type: 'refund.created' }));
  assert.equal(created.data.previous_attributes, undefined);
});
