import { Provider } from '@nestjs/common';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { RpcQueues } from '@oms/contracts';
import { RpcClient } from '@oms/messaging';
import { GatewayConfig } from '../config/gateway.config';

export const ORDER_SERVICE = Symbol('ORDER_SERVICE');
export const INVENTORY_SERVICE = Symbol('INVENTORY_SERVICE');

function rpcClientProvider(token: symbol, service: string, queue: string): Provider {
  return {
    provide: token,
    inject: [GatewayConfig],
    useFactory: (config: GatewayConfig) =>
      new RpcClient(
        ClientProxyFactory.create({
          transport: Transport.RMQ,
          options: { urls: [config.AMQP_URL], queue, queueOptions: { durable: true }, persistent: false },
        }),
        service,
        config.RPC_TIMEOUT_MS,
      ),
  };
}

export const serviceClients: Provider[] = [
  rpcClientProvider(ORDER_SERVICE, 'order-service', RpcQueues.order),
  rpcClientProvider(INVENTORY_SERVICE, 'inventory-service', RpcQueues.inventory),
];
