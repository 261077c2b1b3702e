// PaymentIntents through a reader: create, update, retrieve, list, search, capture,
// cancel, increment_authorization; the parameters Terminal integrations send.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { account, all, pay, shop } from './helpers.mjs';

test('a held payment is captured, partially', async () => {
  const { stripe } = account();
  const { reader } = await shop(stripe);
  const pi = await pay(stripe, reader.id, { capture_method: 'manual', metadata: { order_id: 'o-1' } });
  assert.equal(pi.status, 'requires_capture');
  assert.equal(pi.amount_capturable, 1000);
  assert.equal(pi.latest_charge.payment_method_details.card_present.receipt.authorization_response_code, '3030');
  assert.equal(pi.latest_charge.payment_method_details.card_present.reader, reader.id);
  const captured = await stripe.paymentIntents.capture(pi.id, { amount_to_capture: 800 });
  assert.equal(captured.status, 'succeeded');
  assert.equal(captured.amount_received, 800);
  await assert.rejects(stripe.paymentIntents.capture(pi.id), { code: 'payment_intent_unexpected_state' });
});

test('automatic capture, decline then retry on the same PaymentIntent', async () => {
  const { stripe } = account();
  const { reader } = await shop(stripe);
  const declined = await pay(stripe, reader.id, {}, { card_present: { number: '4000000000009995' } });
  assert.equal(declined.status, 'requires_payment_method');
  assert.equal(declined.last_payment_error.decline_code, 'insufficient_funds');
  await stripe.terminal.readers.processPaymentIntent(reader.id, { payment_intent: declined.id });
  await stripe.testHelpers.terminal.readers.presentPaymentMethod(reader.id);
  const paid = await stripe.paymentIntents.retrieve(declined.id);
  assert.equal(paid.status, 'succeeded');
  assert.equal(paid.capture_method, 'automatic_async'); // endive's default
});

test('update, list, search and cancel', async () => {
  const { stripe } = account();
  const a = await stripe.paymentIntents.create({ amount: 1500, currency: 'usd', allowed_payment_method_types: ['card_present'], metadata: { order_id: 'o-2' } });
  const b = await stripe.paymentIntents.create({ amount: 2500, currency: 'usd', allowed_payment_method_types: ['card_present'], metadata: { order_id: 'o-3' } });
  const updated = await stripe.paymentIntents.update(a.id, { amount: 1700, description: 'table 2', metadata: { note: 'x' } });
  assert.equal(updated.amount, 1700);
  assert.deepEqual(updated.metadata, { order_id: 'o-2', note: 'x' });
  const listed = await all(stripe.paymentIntents.list({ limit: 1 }));
  assert.deepEqual(listed.map((p) => p.id), [b.id, a.id]);
  const found = await stripe.paymentIntents.search({ query: "status:'requires_payment_method' AND metadata['order_id']:'o-3'" });
  assert.deepEqual(found.data.map((p) => p.id), [b.id]);
  // Stripe's query language: a space joins clauses with AND; quoted values hold spaces.
  await stripe.paymentIntents.update(b.id, { metadata: { note: 'blue shirt, size M' } });
  const spaced = await stripe.paymentIntents.search({ query: `metadata['note']:'blue shirt, size M' status:"requires_payment_method"` });
  assert.deepEqual(spaced.data.map((p) => p.id), [b.id]);
  const canceled = await stripe.paymentIntents.cancel(a.id, { cancellation_reason: 'abandoned' });
  assert.equal(canceled.status, 'canceled');
  await assert.rejects(stripe.paymentIntents.retrieve('pi_nope'), { type: 'StripeInvalidRequestError', code: 'resource_missing', statusCode: 404 });
  await assert.rejects(stripe.paymentIntents.create({ amount: 1000, currency: 'usd', colour: 'red' }), { code: 'parameter_unknown', param: 'colour' });
});

test('increment_authorization raises a held amount', async () => {
  const { stripe } = account();
  const { reader } = await shop(stripe);
  const pi = await pay(stripe, reader.id, {
    capture_method: 'manual',
    payment_method_options: { card_present: { request_incremental_authorization_support: true } },
  });
  assert.equal(pi.latest_charge.payment_method_details.card_present.incremental_authorization_supported, true);
  const raised = await stripe.paymentIntents.incrementAuthorization(pi.id, { amount: 1800 });
  assert.equal(raised.amount_capturable, 1800);
  await assert.rejects(stripe.paymentIntents.incrementAuthorization(pi.id, { amount: 2005 }), { type: 'StripeCardError', decline_code: 'generic_decline' });
  const captured = await stripe.paymentIntents.capture(pi.id);
  assert.equal(captured.amount_received, 1800);
});

test('manual_preferred holds a card_present payment', async () => {
  const { stripe } = account();
  const { reader } = await shop(stripe);
  const pi = await pay(stripe, reader.id, { payment_method_options: { card_present: { capture_method: 'manual_preferred' } } });
  assert.equal(pi.status, 'requires_capture');
});

test('Connect: on_behalf_of, application fee, destination', async () => {
  const { id: shopAccount } = account();
  const { stripe } = account();
  const { reader } = await shop(stripe);
  const pi = await pay(stripe, reader.id, {
    application_fee_amount: 100,
    transfer_data: { destination: shopAccount },
    on_behalf_of: shopAccount,
    transfer_group: 'order-9',
  });
  assert.equal(pi.application_fee_amount, 100);
  assert.equal(pi.latest_charge.transfer_data.destination, shopAccount);
  assert.equal(pi.latest_charge.on_behalf_of, shopAccount);
});

test('setup_future_usage saves the card for the customer', async () => {
  const { stripe } = account();
  const { reader } = await shop(stripe);
  const pi = await stripe.paymentIntents.create({
    amount: 1000, currency: 'usd', allowed_payment_method_types: ['card_present'],
    customer: 'cus_Regular', setup_future_usage: 'off_session',
  });
  await assert.rejects(stripe.terminal.readers.processPaymentIntent(reader.id, { payment_intent: pi.id }), { param: 'process_config[allow_redisplay]' });
  await stripe.terminal.readers.processPaymentIntent(reader.id, { payment_intent: pi.id, process_config: { allow_redisplay: 'always' } });
  await stripe.testHelpers.terminal.readers.presentPaymentMethod(reader.id);
  const paid = await stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] });
  const saved = await stripe.paymentMethods.retrieve(paid.latest_charge.payment_method_details.card_present.generated_card);
  assert.equal(saved.type, 'card');
  assert.equal(saved.customer, 'cus_Regular');
  assert.equal(saved.allow_redisplay, 'always');
});

test('collect, inspect, confirm; tips on the reader', async () => {
  const { stripe } = account();
  const { reader } = await shop(stripe);
  const pi = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', allowed_payment_method_types: ['card_present'], capture_method: 'manual' });
  await stripe.terminal.readers.collectPaymentMethod(reader.id, { payment_intent: pi.id });
  let r = await stripe.testHelpers.terminal.readers.presentPaymentMethod(reader.id, { amount_tip: 300 });
  assert.equal(r.action.collect_payment_method.payment_method.type, 'card_present');
  assert.equal((await stripe.paymentIntents.retrieve(pi.id)).status, 'requires_confirmation');
  r = await stripe.terminal.readers.confirmPaymentIntent(reader.id, { payment_intent: pi.id });
  assert.equal(r.action.status, 'succeeded');
  const paid = await stripe.paymentIntents.retrieve(pi.id);
  // A new account's default configuration has no tipping: no tip screen, amount_tip ignored.
  assert.equal(paid.amount, 2000);
  assert.equal(paid.amount_details?.tip?.amount, undefined);
});

test('a keyed card (type=card) on the reader', async () => {
  const { stripe } = account();
  const { reader } = await shop(stripe);
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', allowed_payment_method_types: ['card'] });
  await stripe.terminal.readers.processPaymentIntent(reader.id, { payment_intent: pi.id });
  await stripe.testHelpers.terminal.readers.presentPaymentMethod(reader.id, {
    type: 'card', card: { number: '4242424242424242', exp_month: 12, exp_year: 2030, cvc: '123' },
  });
  const paid = await stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge', 'payment_method'] });
  assert.equal(paid.status, 'succeeded');
  assert.equal(paid.latest_charge.payment_method_details.card.last4, '4242');
  assert.equal(paid.payment_method.type, 'card');
});

test('list by customer', async () => {
  const { stripe } = account();
  const mine = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: 'cus_list1' });
  await stripe.paymentIntents.create({ amount: 2000, currency: 'usd' });
  const listed = await all(stripe.paymentIntents.list({ customer: 'cus_list1' }));
  assert.deepEqual(listed.map((p) => p.id), [mine.id]);
  assert.equal((await all(stripe.paymentIntents.list({ customer: 'cus_nobody' }))).length, 0);
});
