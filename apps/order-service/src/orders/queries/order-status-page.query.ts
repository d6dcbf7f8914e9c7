import { Injectable } from '@nestjs/common';
import { OrderStatusLookupDto, OrderStatusPageView } from '@oms/contracts';
import { AppError } from '@oms/platform';
import { toStatusPage } from '../domain/order-status-page';
import { OrderRepository } from '../persistence/order.repository';
import { PaymentRepository } from '../../payments/persistence/payment.repository';

/**
 * The customer's order page of one order: by its id, which the gateway took from a signed link, or by its
 * number and the email it was placed with. A wrong email answers exactly like an unknown number.
 */
@Injectable()
export class OrderStatusPageQuery {
  constructor(
    private readonly orders: OrderRepository,
    private readonly payments: PaymentRepository,
  ) {}

  async execute(request: { id: string } | OrderStatusLookupDto): Promise<Omit<OrderStatusPageView, 'parcels'>> {
    const byLink = 'id' in request;
    const found = await this.orders.findDetailed(byLink ? request.id : request.orderNumber);
    if (!found || (!byLink && found.customerEmail.toLowerCase() !== request.email.toLowerCase())) {
      throw AppError.notFound(byLink ? 'This order no longer exists.' : 'No order has this number and email.');
    }
    const { refunds } = await this.payments.ledger(found.id);
    return toStatusPage({ ...found, refunds });
  }
}
