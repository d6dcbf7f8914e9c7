import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** A list's page size when the caller gives no `limit`. */
export const DEFAULT_PAGE_SIZE = 20;

/** `limit` (1-100) and an opaque keyset `cursor`: every list endpoint takes these. */
export class PageQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: 'cursor must be a cursor returned by this list' }) cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
