import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { FieldError, parseApiDate, ReconcileSettlementDto, ReconciliationView, RpcMeta } from '@oms/contracts';
import { UnitOfWork } from '@oms/messaging';
import { fromMinorUnits, minorUnitsCollector } from '@oms/money';
import { onceForKey, previousResult } from '@oms/persistence';
import { AppError } from '@oms/platform';
import { reconcile, SettlementRow } from '../domain/reconciliation';
import { PaymentRepository } from '../persistence/payment.repository';
import { toReconciliationView } from '../payment-view.mapper';

/**
 * `POST /api/payments/reconciliations`: matches a provider's settlement report against the ledger and
 * stores the run with every discrepancy found (see `reconcile`).
 */
@Injectable()
export class ReconcileSettlementCommand {
  constructor(private readonly unitOfWork: UnitOfWork, private readonly payments: PaymentRepository) {}

  async execute(request: ReconcileSettlementDto, meta: RpcMeta): Promise<ReconciliationView> {
    if (request.from && request.to && parseApiDate(request.from)! >= parseApiDate(request.to)!) throw AppError.validation([{ field: 'to', message: 'must be after from' }]);
    const errors: FieldError[] = [];
    const minor = minorUnitsCollector(errors);
    const rows: SettlementRow[] = request.rows.map((row, i) => ({
      ...row, amount: minor(row.amount, row.currency, `rows[${i}].amount`), fee: minor(row.fee, row.currency, `rows[${i}].fee`),
    }));
    if (errors.length) throw AppError.validation(errors);
    const idempotency = meta.idempotencyKey ? { scope: `payments.reconcile:${meta.actor.sub}`, key: meta.idempotencyKey, request } : undefined;
    // matching a long report is the costly part: a retry finds its first answer before redoing it
    const previous = idempotency && (await this.unitOfWork.run((manager) => previousResult<ReconciliationView>(manager, idempotency)));
    if (previous) return previous.response;
    const provider = request.provider?.toLowerCase();
    const window = request.from || request.to;
    const [ledger, expected] = await Promise.all([
      this.payments.byReferences([...new Set(rows.map((r) => r.reference))], provider),
      window ? this.payments.settledIn(request.from, request.to, provider) : Promise.resolve([]),
    ]);
    const result = reconcile(rows, ledger, expected, fromMinorUnits);

    return this.unitOfWork.run((manager) =>
      onceForKey(manager, idempotency, async () => {
        const run = await this.payments.saveReconciliation(manager, {
          id: randomUUID(), provider: provider ?? null, from: request.from ? parseApiDate(request.from)! : null, to: request.to ? parseApiDate(request.to)! : null,
          ...result, author: meta.actor.sub,
        });
        return toReconciliationView(run);
      }),
    );
  }
}
