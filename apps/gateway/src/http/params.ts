import { PipeTransform } from '@nestjs/common';
import { AppError } from '@oms/platform';

/** Validates a path parameter against a pattern: a 400 naming it, before any service is called. */
export class PathParam implements PipeTransform<string, string> {
  constructor(
    private readonly name: string,
    private readonly pattern: RegExp,
  ) {}

  transform(value: string): string {
    if (!this.pattern.test(value)) throw AppError.validation([{ field: this.name, message: `${this.name} must match ${this.pattern}` }]);
    return value;
  }
}

export const ORDER_REF = /^[A-Za-z0-9-_]{1,64}$/;
/** `:id` of an order: its uuid or its number. */
export const orderRef = new PathParam('id', ORDER_REF);
