import DataLoader from 'dataloader';
import { OrderRpc, OrderView, RpcMeta, ShipmentRpc, ShipmentView } from '@oms/contracts';
import { RpcClient } from '@oms/messaging';
import { AppError } from '@oms/platform';

/** The services GraphQL resolvers call, through the same RPC clients as the REST controllers. */
export interface RpcClients {
  orders: RpcClient;
  shipments: RpcClient;
  inventory: RpcClient;
}

/** The RPC calls take at most this many ids (`GetOrdersDto`, `ListShipmentsForOrdersDto`). */
const BATCH = 100;

/**
 * The nested data of one operation, loaded per level in batches: every order a query reaches in one
 * `orders.get_many` call, their shipments in one `shipments.list_for_orders` call, never one call per row.
 * Orders are keyed by uuid; one the caller may not see (another customer's) is a NOT_FOUND.
 */
export class OrderLoaders {
  readonly orders: DataLoader<string, OrderView>;
  readonly shipments: DataLoader<string, ShipmentView[]>;

  constructor(clients: RpcClients, meta: () => RpcMeta) {
    this.orders = new DataLoader<string, OrderView>(async (ids) => {
      const { items } = await clients.orders.send<{ items: OrderView[] }>(OrderRpc.GetMany, { ids }, meta());
      const found = new Map(items.map((order) => [order.id, order]));
      return ids.map((id) => found.get(id) ?? AppError.notFound(`Order ${id} was not found.`));
    }, { maxBatchSize: BATCH });
    this.shipments = new DataLoader<string, ShipmentView[]>(async (orderIds) => {
      const { items } = await clients.shipments.send<{ items: ShipmentView[] }>(ShipmentRpc.ListForOrders, { orderIds }, meta());
      return orderIds.map((orderId) => items.filter((shipment) => shipment.orderId === orderId));
    }, { maxBatchSize: BATCH });
  }
}
