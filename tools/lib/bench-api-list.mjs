// The `api-list` scenario of `npm run bench`: a page of 50 orders as a screen needs it, over REST and
// over GraphQL, against a running stack. Seeds 100 orders of a customer of its own (half of them shipped),
// then for each case keeps `concurrency` clients asking for pages for `duration` seconds and reports
// pages/s and p50/p99 per page. "REST, with items and shipments" is what a REST client must do for the
// same screen: the list, then each order and its shipments.
import { log } from './workspace.mjs';

const PAGE = 50;

async function call(baseUrl, headers, path, body) {
  const response = await fetch(`${baseUrl}${path}`, body === undefined ? { headers } : { method: 'POST', headers, body: JSON.stringify(body) });
  const payload = await response.json();
  if (!response.ok || payload.errors) throw new Error(`${path}: ${response.status} ${JSON.stringify(payload.errors ?? payload).slice(0, 300)}`);
  return payload;
}

async function seed(baseUrl, headers, customer) {
  const skus = ['A', 'B', 'C'].map((letter) => `BENCH-LIST-${customer}-${letter}`);
  for (const sku of skus) {
    const response = await fetch(`${baseUrl}/api/inventory/${sku}`, { method: 'PUT', headers, body: JSON.stringify({ onHand: 100_000 }) });
    if (!response.ok) throw new Error(`setting stock failed: ${response.status}`);
  }
  const address = { fullName: 'Bench Buyer', address1: 'Load Street 1', city: 'Berlin', country: 'DE' };
  const orders = [];
  for (let batch = 0; batch < 10; batch++) {
    orders.push(...(await Promise.all(Array.from({ length: 10 }, () => call(baseUrl, headers, '/api/orders', {
      customer: { id: customer, email: 'bench-list@example.com', fullName: 'Bench Buyer' }, currency: 'EUR',
      items: skus.map((sku) => ({ sku, name: `Item ${sku}`, qty: 1, price: 12.34 })),
      shippingAddress: address, billingAddress: address, paymentMethod: 'card', shippingFee: 4.95,
    })))));
  }
  for (const order of orders.slice(0, 50)) {
    const deadline = Date.now() + 30_000;
    while ((await call(baseUrl, headers, `/api/orders/${order.id}`)).inventoryStatus !== 'reserved' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    for (;;) {
      const shipped = await fetch(`${baseUrl}/api/orders/${order.id}/shipments`, { method: 'POST', headers, body: JSON.stringify({ carrier: 'UPS', trackingNumber: `1Z${order.orderNumber}` }) });
      if (shipped.status !== 409 || Date.now() > deadline) break; // the shipment service may not have seen the reservation yet
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Keeps `concurrency` clients fetching pages for `duration` seconds: pages/s and latency per page. */
async function measure(name, concurrency, duration, fetchPage) {
  const times = [];
  let errors = 0;
  const until = Date.now() + duration * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < until) {
      const started = performance.now();
      try {
        await fetchPage();
        times.push(performance.now() - started);
      } catch (error) {
        if (!errors++) log(`${name}: ${error.message}`);
      }
    }
  }));
  times.sort((a, b) => a - b);
  const at = (q) => Math.round((times[Math.floor(times.length * q)] ?? 0) * 10) / 10;
  return { pagesPerSecond: Math.round(times.length / duration), pageLatencyMs: { p50: at(0.5), p99: at(0.99) }, errors };
}

export async function benchApiList({ baseUrl, headers, duration, concurrency }) {
  const customer = `bench-list-${Date.now().toString(36)}`;
  log(`api-list: seeding 100 orders of ${customer} (50 shipped)…`);
  await seed(baseUrl, headers, customer);
  const listPath = `/api/orders?customerId=${customer}&limit=${PAGE}`;
  const graphql = (fields) => ({ query: `query($c: String) { orders(limit: ${PAGE}, filter: { customerId: $c }) { nodes { ${fields} } } }`, variables: { c: customer } });
  const summary = graphql('id orderNumber grandTotal currency status { code } createdAt');
  const full = graphql('id orderNumber grandTotal currency status { code } items { sku qty lineTotal } shipments { shipmentNumber carrier trackingNumber status }');
  const cases = {
    'REST, the list': () => call(baseUrl, headers, listPath),
    'GraphQL, the list': () => call(baseUrl, headers, '/graphql', summary),
    'REST, with items and shipments (1 + 50 + 50 calls)': async () => {
      const { items } = await call(baseUrl, headers, listPath);
      await Promise.all(items.flatMap((order) => [call(baseUrl, headers, `/api/orders/${order.id}`), call(baseUrl, headers, `/api/orders/${order.id}/shipments`)]));
    },
    'GraphQL, with items and shipments (1 call)': () => call(baseUrl, headers, '/graphql', full),
  };
  const results = {};
  for (const [name, fetchPage] of Object.entries(cases)) {
    log(`api-list: ${name}, ${concurrency} clients, ${duration} s`);
    results[name] = await measure(name, concurrency, duration, fetchPage);
  }
  const errors = Object.values(results).reduce((sum, r) => sum + r.errors, 0);
  return { scenario: 'api-list', pageSize: PAGE, concurrency, durationSeconds: duration, cases: results, errors };
}
