import { FactoryProvider } from '@nestjs/common';
import { RpcQueues } from '@oms/contracts';
import { AmqpClient, RpcClient } from '@oms/messaging';
import { Registry } from 'prom-client';
import { GatewayConfig } from '../config/gateway.config';

export const ORDER_SERVICE = Symbol('ORDER_SERVICE');
export const INVENTORY_SERVICE = Symbol('INVENTORY_SERVICE');
export const SHIPMENT_SERVICE = Symbol('SHIPMENT_SERVICE');
export const NOTIFICATION_SERVICE = Symbol('NOTIFICATION_SERVICE');

function rpcClientProvider(token: symbol, service: string, queue: string): FactoryProvider {
  return {
    provide: token,
    inject: [AmqpClient, GatewayConfig, Registry],
    useFactory: (amqp: AmqpClient, config: GatewayConfig, registry: Registry) => new RpcClient(amqp, queue, service, config.RPC_TIMEOUT_MS, registry),
  };
}

export const serviceClients: FactoryProvider[] = [
  rpcClientProvider(ORDER_SERVICE, 'order-service', RpcQueues.order),
  rpcClientProvider(INVENTORY_SERVICE, 'inventory-service', RpcQueues.inventory),
  rpcClientProvider(SHIPMENT_SERVICE, 'shipment-service', RpcQueues.shipment),
  rpcClientProvider(NOTIFICATION_SERVICE, 'notification-service', RpcQueues.notification),
];
