import { Injectable } from '@nestjs/common';
import { ReconciliationView, UUID_PATTERN } from '@oms/contracts';
import { AppError } from '@oms/platform';
import { PaymentRepository } from '../persistence/payment.repository';
import { toReconciliationView } from '../payment-view.mapper';

/** Stored reconciliation runs, as they were answered when they ran. */
@Injectable()
export class GetReconciliationQuery {
  constructor(private readonly payments: PaymentRepository) {}

  async execute(id: string): Promise<ReconciliationView> {
    const run = UUID_PATTERN.test(id) ? await this.payments.reconciliation(id) : null;
    if (!run) throw AppError.notFound(`Reconciliation ${id} was not found.`);
    return toReconciliationView(run);
  }

  async recent(limit: number): Promise<{ items: ReconciliationView[] }> {
    return { items: (await this.payments.recentReconciliations(limit)).map(toReconciliationView) };
  }
}
