import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { DEVELOPMENT } from '@oms/platform';
import { Api, orderBody } from '../support/api';
import { accessibilityProblems, launchBrowser, screenshot } from '../support/browser';
import { waitFor } from '../support/infra';
import { STAFF, staffUsersFile } from '../support/staff';
import { JWT_SECRET, TestStack } from '../support/stack';

const LINK_SECRET = 'browser-test-order-link-secret-0123';

/**
 * The back office and the customer's order page in a real browser (Debian's chromium driven by
 * Playwright) against the real stack, every action through the public API. Screenshots of each main
 * page land in test-results/screenshots; every page is checked with axe-core.
 */
describe('the web app in a browser', () => {
  let stack: TestStack;
  let api: Api;
  let browser: Browser;
  let staff: BrowserContext;
  let page: Page;
  const orders: Record<'shipped' | 'canceled' | 'paid1' | 'paid2' | 'paid3', { id: string; orderNumber: string }> = {} as never;

  const place = async (sku: string, qty: number, email = 'kim@example.com') => {
    const placed = await api.post('/api/orders', orderBody({
      customer: { email, fullName: 'Kim Customer' },
      items: [{ sku, name: `Lamp ${sku}`, qty, price: 30 }, { sku: 'WEB-SHADE', name: 'Shade', qty: 1, price: 12.5 }],
    }));
    expect(placed.status).toBe(201);
    return placed.body;
  };
  const expectAccessible = async (name: string) => expect({ page: name, problems: await accessibilityProblems(page) }).toEqual({ page: name, problems: [] });

  beforeAll(async () => {
    stack = new TestStack({
      gateway: { STAFF_USERS_FILE: await staffUsersFile(), ORDER_LINK_SECRET: LINK_SECRET },
      'notification-service': { ORDER_LINK_SECRET: LINK_SECRET },
    });
    await stack.start();
    api = new Api(stack.gatewayUrl);
    for (const sku of ['WEB-A', 'WEB-B', 'WEB-C', 'WEB-SHADE']) await api.put(`/api/inventory/${sku}`, { onHand: 20, lowStockThreshold: 5 });
    orders.shipped = await place('WEB-A', 2);
    orders.canceled = await place('WEB-B', 3);
    orders.paid1 = await place('WEB-C', 1, 'lee@example.com');
    orders.paid2 = await place('WEB-C', 1, 'lee@example.com');
    orders.paid3 = await place('WEB-C', 1, 'lee@example.com');
    await waitFor(async () => {
      const states = await Promise.all(Object.values(orders).map(async (o) => (await api.get(`/api/orders/${o.id}`)).body.inventoryStatus));
      return states.every((state) => state === 'reserved');
    }, 20_000, 'stock reserved for every order');
    browser = await launchBrowser();
    // bypassCSP only lets the test inject axe-core; the app itself runs under the gateway's policy
    staff = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, acceptDownloads: true });
    page = await staff.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('signs in, showing a wrong password in words', async () => {
    await page.goto(`${stack.gatewayUrl}/admin`);
    await page.getByRole('heading', { name: 'Sign in to the back office' }).waitFor();
    await expectAccessible('sign-in');
    await screenshot(page, '01-sign-in');
    await page.getByLabel('Email').fill(STAFF.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('The email or password is wrong.').waitFor();
    await page.getByLabel('Password').fill(STAFF.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    await page.getByText('Live', { exact: true }).waitFor();
    await page.getByRole('link', { name: orders.paid3.orderNumber }).waitFor();
    await expectAccessible('orders list');
    await screenshot(page, '02-orders');
  });

  it('finds an order by its number, in a link that reproduces the view', async () => {
    await page.getByRole('searchbox', { name: 'Search' }).fill(orders.shipped.orderNumber);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('1 order match.').waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe(orders.shipped.orderNumber);
    expect(await page.locator('table.orders tbody tr').count()).toBe(1);
    await page.reload();
    await page.getByText('1 order match.').waitFor();
    await page.getByRole('link', { name: orders.shipped.orderNumber }).click();
    await page.getByRole('heading', { name: orders.shipped.orderNumber, level: 1 }).waitFor();
  });

  it('ships part of the order; the badge and the timeline follow, and later changes arrive without a reload', async () => {
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));
    await page.getByRole('button', { name: 'Ship' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ship items' });
    await dialog.getByLabel(/Lamp WEB-A/).fill('1');
    await dialog.getByLabel(/Shade/).fill('0');
    await dialog.getByRole('button', { name: 'Ship', exact: true }).click();
    // the API's refusal is shown in words, and nothing was shipped
    await dialog.getByText('carrier should not be empty').first().waitFor();
    await dialog.getByLabel('Carrier').fill('ups');
    await dialog.getByLabel('Tracking number').fill('1ZWEB');
    await dialog.getByRole('button', { name: 'Ship', exact: true }).click();
    await page.getByTitle('Shipment: Partially Shipped').waitFor();
    await page.locator('.timeline').getByText(/Shipment SHP-\d+ created via ups, tracking 1ZWEB/).waitFor();

    // changes made elsewhere (another user, a carrier) reach the open page over server-sent events
    const { items: [shipment] } = (await api.get(`/api/orders/${orders.shipped.id}/shipments`)).body;
    await api.request('PATCH', `/api/orders/${orders.shipped.id}/shipments/${shipment.shipmentId}`, { status: 'out_for_delivery' });
    await api.post(`/api/orders/${orders.shipped.id}/activities`, { message: 'Customer asked for the back door', customerNotified: false });
    await page.locator('.shipment .tag', { hasText: 'Out for delivery' }).waitFor();
    await page.locator('.timeline').getByText('Customer asked for the back door').waitFor();
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await expectAccessible('order');
    await screenshot(page, '03-order');
  });

  it('cancels another order with a reason, and its stock comes back on the inventory page', async () => {
    await page.goto(`${stack.gatewayUrl}/admin/orders/${orders.canceled.orderNumber}`);
    await page.getByRole('button', { name: 'Cancel order' }).click();
    const dialog = page.getByRole('dialog', { name: `Cancel ${orders.canceled.orderNumber}` });
    await dialog.getByLabel('Reason').fill('Customer changed their mind');
    await dialog.getByRole('button', { name: 'Cancel the order' }).click();
    await page.getByTitle('Status: Canceled').waitFor();
    await page.getByText('Canceled: Customer changed their mind').waitFor();

    await page.getByRole('link', { name: 'Inventory' }).click();
    const row = page.getByRole('row', { name: /WEB-B/ });
    await waitFor(async () => /WEB-B\s*20\s*0\s*20/.test((await row.innerText()).replace(/\s+/g, ' ')), 15_000, 'WEB-B back to 20 available');
    await row.getByRole('button', { name: 'Movements' }).click();
    await page.getByRole('heading', { name: 'Movements of WEB-B' }).waitFor();
    await page.getByRole('cell', { name: 'Release' }).waitFor();
    await expectAccessible('inventory');
    await screenshot(page, '04-inventory');
  });

  it('marks three orders paid at once, with a result per order', async () => {
    await page.getByRole('link', { name: 'Orders' }).click();
    for (const order of [orders.paid1, orders.paid2, orders.paid3]) await page.getByRole('checkbox', { name: `Select ${order.orderNumber}` }).check();
    await page.getByText('3 selected').waitFor();
    await page.getByRole('button', { name: 'Mark paid' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Mark 3 paid' }).click();
    await page.getByRole('heading', { name: 'Mark paid: 3 done' }).waitFor();
    for (const order of [orders.paid1, orders.paid2, orders.paid3]) {
      await page.getByRole('row', { name: new RegExp(order.orderNumber) }).getByTitle('Payment: Paid').waitFor();
      expect((await api.get(`/api/orders/${order.id}`)).body.paymentStatus.code).toBe('paid');
    }
    // marking them again captures nothing twice: the manual capture's reference is the order's own
    await page.getByRole('button', { name: 'Mark paid' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Mark 3 paid' }).click();
    await page.getByRole('heading', { name: /^Mark paid: / }).waitFor();
    expect((await api.get(`/api/orders/${orders.paid1.id}`)).body.payment.captured).toBe((await api.get(`/api/orders/${orders.paid1.id}`)).body.grandTotal);
  });

  it('shows the dashboard, and reconciles a settlement report uploaded from it', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Top products' }).waitFor();
    await page.getByText(/Lamp WEB-C \(WEB-C\): 3 sold/).waitFor();
    await page.getByRole('button', { name: 'Upload settlement report' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Settlement CSV').setInputFiles({
      name: 'settlement.csv', mimeType: 'text/csv',
      buffer: Buffer.from(`reference,orderNumber,type,amount,currency,fee,settledAt\nmanual-${orders.paid1.orderNumber},${orders.paid1.orderNumber},capture,1.00,EUR,0.10,2026-12-01\n`),
    });
    await dialog.getByRole('button', { name: 'Reconcile' }).click();
    await page.getByText(/1 rows, 0 matched, 1 discrepancies/).waitFor();
    await expectAccessible('dashboard');
    await screenshot(page, '05-dashboard');
    await page.getByRole('link', { name: 'Operations' }).click();
    await page.getByRole('heading', { name: 'Dead-lettered messages' }).waitFor();
    await page.getByText('No message is waiting for an operator.').waitFor();
    await expectAccessible('operations');
    await screenshot(page, '06-operations');
  });

  describe('the customer', () => {
    let customer: BrowserContext;
    let link: string;

    beforeAll(async () => {
      customer = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
      // the link of the order's confirmation email, as the customer received it
      const { items } = (await api.get(`/api/notifications?orderId=${orders.shipped.id}&channel=email`)).body;
      const confirmation = items.find((n: { template: string }) => n.template === 'order-confirmed');
      const { text } = (await api.get(`/api/notifications/${confirmation.id}`)).body;
      link = text.match(/https?:\/\/\S+\/orders\/status\?token=\S+/)![0].replace(/^https?:\/\/[^/]+/, stack.gatewayUrl);
    });
    afterAll(() => customer?.close());

    it('opens the status page from the signed link and sees that order only', async () => {
      const status = await customer.newPage();
      await status.goto(link);
      await status.getByRole('heading', { name: `Order ${orders.shipped.orderNumber}` }).waitFor();
      await status.getByRole('list', { name: 'Progress' }).getByText('Out for delivery').waitFor();
      await status.getByText('Track 1ZWEB').waitFor();
      const text = await status.locator('main').innerText();
      expect(text).toContain('Lamp WEB-A');
      for (const hidden of ['Customer asked for the back door', 'kim@example.com', 'Main Street', orders.canceled.orderNumber, orders.paid1.orderNumber, STAFF.email]) {
        expect(text).not.toContain(hidden);
      }
      expect(await status.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      page = status;
      await expectAccessible('customer status');
      await screenshot(status, '07-customer-status-phone');
    });

    it('refuses a tampered link in words, and finds the order by number and email instead', async () => {
      const status = await customer.newPage();
      const token = new URL(link).searchParams.get('token')!;
      await status.goto(`${stack.gatewayUrl}/orders/status?token=${token.slice(0, -4)}AAAA`);
      await status.getByRole('alert').getByText(/This link is not valid or has expired/).waitFor();
      expect(await status.locator('main').innerText()).not.toContain(orders.shipped.orderNumber);
      await status.getByLabel('Order number').fill(orders.canceled.orderNumber);
      await status.getByLabel('Email').fill('KIM@example.com');
      await status.getByRole('button', { name: 'Show my order' }).click();
      await status.getByText('This order was canceled: Customer changed their mind').waitFor();
      await screenshot(status, '08-customer-canceled-phone');
    });
  });

  it('serves GraphiQL at /graphql under its own policy, calling the API as the signed-in staff member', async () => {
    // a context of its own, without bypassCSP: the explorer must work under the gateway's policy
    const explorer = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const session = (await api.as(null).post('/api/auth/login', { email: STAFF.email, password: STAFF.password })).body;
    await explorer.addInitScript((login) => localStorage.setItem('oms.session', JSON.stringify(login)), session);
    const graphiql = await explorer.newPage();
    const refused: string[] = [];
    graphiql.on('console', (message) => message.text().includes('Content Security Policy') && refused.push(message.text()));
    await graphiql.goto(`${stack.gatewayUrl}/graphql`);
    // the editor loads in the background (Monaco, its workers, the schema): run once it shows the query
    await graphiql.locator('.graphiql-query-editor').filter({ hasText: 'RecentOrders' }).waitFor();
    const response = graphiql.locator('.graphiql-response').filter({ hasText: orders.paid3.orderNumber });
    await waitFor(async () => {
      if (await response.isVisible()) return true;
      await graphiql.getByRole('button', { name: /Execute query/ }).click();
      return response.waitFor({ timeout: 3000 }).then(() => true, () => false);
    }, 30_000, 'GraphiQL to show the result of its query');
    await screenshot(graphiql, '10-graphql-explorer');
    expect(refused).toEqual([]);
    // a GraphQL client asking for JSON at the same address reaches the endpoint, not the page
    expect((await api.request('GET', '/graphql?query=%7B__typename%7D', undefined, { accept: 'application/json', 'apollo-require-preflight': 'true' })).body).toMatchObject({ data: { __typename: 'Query' } });
    await explorer.close();
  });

  it('fits a phone-sized screen, and ships no secret in the bundle', async () => {
    const phone = await staff.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${stack.gatewayUrl}/admin/orders`);
    await phone.getByRole('heading', { name: 'Orders' }).waitFor();
    await screenshot(phone, '09-orders-phone');
    const assets = resolve(__dirname, '../../dist/apps/admin-web/assets');
    const bundle = readdirSync(assets).filter((file) => file.endsWith('.js')).map((file) => readFileSync(join(assets, file), 'utf8')).join('\n');
    for (const secret of [JWT_SECRET, LINK_SECRET, DEVELOPMENT.JWT_SECRET, DEVELOPMENT.ORDER_LINK_SECRET]) expect(bundle.includes(secret)).toBe(false);
  });
});
