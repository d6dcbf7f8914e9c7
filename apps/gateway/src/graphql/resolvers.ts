import { StockResolver } from './inventory/stock.resolver';
import { OrderFieldsResolver } from './orders/order-fields.resolver';
import { OrderMutationsResolver } from './orders/order-mutations.resolver';
import { OrderSubscriptionsResolver } from './orders/order-subscriptions.resolver';
import { OrdersResolver } from './orders/orders.resolver';
import { ShipmentFieldsResolver } from './shipments/shipment-fields.resolver';

/** Every resolver of the gateway's GraphQL schema (the schema file is printed from these). */
export const RESOLVERS = [OrdersResolver, OrderFieldsResolver, OrderMutationsResolver, OrderSubscriptionsResolver, ShipmentFieldsResolver, StockResolver];
