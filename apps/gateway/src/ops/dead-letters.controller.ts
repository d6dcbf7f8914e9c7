import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DEAD_LETTER_STATUSES, DeadLettersView, DeadLetterView, ListDeadLettersQueryDto, OpsRpc, RpcMeta, UUID_PATTERN } from '@oms/contracts';
import { RpcClient } from '@oms/messaging';
import { AppError } from '@oms/platform';
import { PathParam } from '../http/params';
import { Meta } from '../http/request-meta';
import { Returns, view } from '../http/responses';
import { INVENTORY_SERVICE, NOTIFICATION_SERVICE, ORDER_SERVICE, SHIPMENT_SERVICE } from '../rpc/service-clients';

const deadLetterId = new PathParam('id', UUID_PATTERN);

/** Every service's dead letters in one place (each service keeps its own; the gateway asks them all). */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('api/ops/dead-letters')
export class DeadLettersController {
  private readonly services: { name: string; client: RpcClient }[];

  constructor(
    @Inject(ORDER_SERVICE) order: RpcClient,
    @Inject(INVENTORY_SERVICE) inventory: RpcClient,
    @Inject(SHIPMENT_SERVICE) shipment: RpcClient,
    @Inject(NOTIFICATION_SERVICE) notification: RpcClient,
  ) {
    this.services = [
      { name: 'order-service', client: order }, { name: 'inventory-service', client: inventory },
      { name: 'shipment-service', client: shipment }, { name: 'notification-service', client: notification },
    ];
  }

  @Get()
  @ApiOperation({ summary: 'Messages the services gave up on, newest first: routing key, reason, attempts, when, payload' })
  @ApiQuery({ name: 'status', required: false, enum: DEAD_LETTER_STATUSES })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @Returns(200, view('DeadLettersView'), 'The dead letters, and the services that did not answer')
  async list(@Query() query: ListDeadLettersQueryDto, @Meta() meta: RpcMeta): Promise<DeadLettersView> {
    // the newest of each service, merged: a cursor would need one per service, so the list is not paged
    const answers = await Promise.allSettled(this.services.map(({ client }) => client.send<DeadLetterView[]>(OpsRpc.ListDeadLetters, { query }, meta)));
    const items = answers.flatMap((answer) => (answer.status === 'fulfilled' ? answer.value : []))
      .sort((a, b) => b.firstSeen.localeCompare(a.firstSeen))
      .slice(0, query.limit ?? 100);
    return { items, unavailable: this.services.filter((_s, i) => answers[i].status === 'rejected').map((s) => s.name) };
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deliver it again to its service, with its message id: applied at most once however often it is replayed' })
  @Returns(200, view('DeadLetterView'), 'The dead letter, replayed', [404, 409])
  replay(@Param('id', deadLetterId) id: string, @Meta() meta: RpcMeta): Promise<DeadLetterView> {
    return this.onOwner(OpsRpc.ReplayDeadLetter, id, meta);
  }

  @Post(':id/discard')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give up on it for good (it stays listed with status discarded)' })
  @Returns(200, view('DeadLetterView'), 'The dead letter, discarded', [404])
  discard(@Param('id', deadLetterId) id: string, @Meta() meta: RpcMeta): Promise<DeadLetterView> {
    return this.onOwner(OpsRpc.DiscardDeadLetter, id, meta);
  }

  /** Asks each service in turn: the one that keeps the dead letter acts, the others answer 404. */
  private async onOwner(pattern: string, id: string, meta: RpcMeta): Promise<DeadLetterView> {
    for (const { client } of this.services) {
      try {
        return await client.send<DeadLetterView>(pattern, { id }, meta);
      } catch (error) {
        if (!(error instanceof AppError && error.status === 404)) throw error;
      }
    }
    throw AppError.notFound(`Dead letter ${id} was not found in any service.`);
  }
}
