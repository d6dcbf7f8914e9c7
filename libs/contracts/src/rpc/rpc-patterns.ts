/** RPC queues, one per service, and the message patterns each serves. */
export const RpcQueues = {
  order: 'order-service.rpc',
  inventory: 'inventory-service.rpc',
  shipment: 'shipment-service.rpc',
  notification: 'notification-service.rpc',
} as const;

export const OrderRpc = {
  Place: 'orders.place',
  Get: 'orders.get',
  /** Up to 100 orders by uuid, in one call (GraphQL loads a page's orders this way). */
  GetMany: 'orders.get_many',
  List: 'orders.list',
  Stats: 'orders.stats',
  Statuses: 'orders.statuses',
  Update: 'orders.update',
  AddActivity: 'orders.activities.add',
  ListActivities: 'orders.activities.list',
  Cancel: 'orders.cancel',
  /** The customer's order page, by order id (from a signed link) or by order number and email. */
  StatusPage: 'orders.status_page',
  StatusLookup: 'orders.status_lookup',
} as const;

export const PaymentRpc = {
  Record: 'payments.record',
  Refund: 'payments.refund',
  Webhook: 'payments.webhook',
  Reconcile: 'payments.reconcile',
  GetReconciliation: 'payments.reconciliation.get',
  ListReconciliations: 'payments.reconciliation.list',
} as const;

export const ReportRpc = {
  SalesByDay: 'reports.sales_by_day',
  TopProducts: 'reports.top_products',
  RevenueByPaymentMethod: 'reports.revenue_by_payment_method',
} as const;

export const ShipmentRpc = {
  Create: 'shipments.create',
  Update: 'shipments.update',
  CarrierUpdate: 'shipments.carrier_update',
  PackingSlip: 'shipments.packing_slip',
  List: 'shipments.list',
  /** The shipments of up to 100 orders by uuid, in one call. */
  ListForOrders: 'shipments.list_for_orders',
} as const;

export const InventoryRpc = {
  SetStock: 'inventory.set_stock',
  Adjust: 'inventory.adjust',
  Get: 'inventory.get',
  List: 'inventory.list',
  Movements: 'inventory.movements',
} as const;

export const NotificationRpc = {
  List: 'notifications.list',
  Get: 'notifications.get',
  Resend: 'notifications.resend',
  ListTemplates: 'notifications.templates.list',
  PreviewTemplate: 'notifications.templates.preview',
} as const;

export const WebhookSubscriptionRpc = {
  Create: 'webhook_subscriptions.create',
  List: 'webhook_subscriptions.list',
  Get: 'webhook_subscriptions.get',
  Update: 'webhook_subscriptions.update',
  Delete: 'webhook_subscriptions.delete',
  RotateSecret: 'webhook_subscriptions.rotate_secret',
  Deliveries: 'webhook_subscriptions.deliveries',
} as const;

/** Served by every service on its own RPC queue. */
export const OpsRpc = {
  ListDeadLetters: 'ops.dead_letters.list',
  ReplayDeadLetter: 'ops.dead_letters.replay',
  DiscardDeadLetter: 'ops.dead_letters.discard',
} as const;
