// Shared by the conformance tests: stripe-node clients pointed at the emulator, and the
// steps of a Terminal integration. Each test works in a connected account of its own
// (Stripe-Account), so tests running side by side never see each other's objects.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import Stripe from 'stripe';

export const emulatorURL = new URL(process.env.EMULATOR_URL ?? 'http://127.0.0.1:12111');

// client is a stripe-node client on the emulator; opts are stripe-node's (apiVersion,
// stripeAccount, maxNetworkRetries, ...).
export function client(opts = {}) {
  return new Stripe('sk_test_conformance', {
    host: emulatorURL.hostname,
    port: emulatorURL.port,
    protocol: 'http',
    maxNetworkRetries: 0,
    telemetry: false,
    ...opts,
  });
}

// account is a fresh connected account id and a client acting on it.
export function account(opts = {}) {
  const id = 'acct_' + randomBytes(8).toString('hex');
  return { id, stripe: client({ stripeAccount: id, ...opts }) };
}

// shop gives the client's account a location and a simulated reader.
export async function shop(stripe, code = 'simulated-wpe') {
  const location = await stripe.terminal.locations.create({
    display_name: 'Conformance shop',
    address: { line1: '1 Main St', city: 'Toronto', state: 'ON', postal_code: 'M5V 2T6', country: 'CA' },
  });
  const reader = await stripe.terminal.readers.create({ registration_code: code, location: location.id });
  return { location, reader };
}

// pay creates a PaymentIntent, hands it to the reader and presents a card; it returns
// the PaymentIntent with its latest charge expanded.
export async function pay(stripe, reader, params = {}, present = {}) {
  const pi = await stripe.paymentIntents.create({
    amount: 1000,
    currency: 'usd',
    allowed_payment_method_types: ['card_present'],
    ...params,
  });
  await stripe.terminal.readers.processPaymentIntent(reader, { payment_intent: pi.id });
  await stripe.testHelpers.terminal.readers.presentPaymentMethod(reader, present);
  return stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] });
}

// all collects an auto-paginated list.
export async function all(list) {
  const out = [];
  for await (const item of list) {
    out.push(item);
  }
  return out;
}

// admin calls the emulator's admin API (faults), which Stripe does not have.
export async function admin(method, path, body) {
  const res = await fetch(new URL(path, emulatorURL), {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) {
    throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  }
  return res.json();
}

// receiver is a local webhook endpoint answering status: got holds what it was sent,
// take(n) waits for the next n deliveries and hands them over.
export async function receiver(status = 200) {
  const got = [];
  const waiting = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ body, signature: req.headers['stripe-signature'] });
      res.statusCode = status;
      res.end('ok');
      waiting.splice(0).forEach((w) => w());
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/hook`;
  const take = async (n) => {
    const deadline = Date.now() + 5000;
    while (got.length < n) {
      if (Date.now() > deadline) {
        throw new Error(`${got.length} of ${n} webhooks arrived`);
      }
      await new Promise((r) => {
        waiting.push(r);
        setTimeout(r, 100);
      });
    }
    return got.splice(0, n);
  };
  return { url, got, take, close: () => server.close() };
}
