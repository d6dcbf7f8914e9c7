import { Args, Context, Field, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { InventoryRpc, Page, StockView, DEFAULT_PAGE_SIZE } from '@oms/contracts';
import { GraphqlContext, metaOf } from '../context';
import { pageCost } from '../orders/order-list';

@ObjectType({ description: 'A SKU’s stock: on hand, reserved by open orders, and what is left to sell.' })
export class Stock {
  @Field() sku: string;
  @Field(() => Int) onHand: number;
  @Field(() => Int) reserved: number;
  @Field(() => Int) available: number;
  @Field(() => Int) lowStockThreshold: number;
  @Field() allowBackorder: boolean;
  @Field() updatedAt: string;
}

@ObjectType()
export class StockPage {
  @Field(() => [Stock]) nodes: StockView[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' }) endCursor: string | null;
}

/** Stock levels through the inventory service's RPC calls, as GET /api/inventory. */
@Resolver(() => Stock)
export class StockResolver {
  @Query(() => Stock, { nullable: true })
  stock(@Args('sku') sku: string, @Context() context: GraphqlContext) {
    return context.clients.inventory.send<StockView>(InventoryRpc.Get, { sku }, metaOf(context));
  }

  @Query(() => StockPage, { complexity: pageCost, description: 'SKUs whose available stock is under their low-stock threshold.' })
  async lowStock(
    @Args('limit', { type: () => Int, nullable: true }) limit: number | undefined,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
    @Context() context: GraphqlContext,
  ): Promise<StockPage> {
    const query = { lowStock: true, limit: limit ?? DEFAULT_PAGE_SIZE, cursor: after };
    const page = await context.clients.inventory.send<Page<StockView>>(InventoryRpc.List, { query }, metaOf(context));
    return { nodes: page.items, endCursor: page.nextCursor };
  }
}
