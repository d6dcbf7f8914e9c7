import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { Role } from '@oms/contracts';

export const ROLES_KEY = 'oms:roles';
/** The OpenAPI extension naming the roles of an operation (see `documentRoles`). */
export const ROLES_EXTENSION = 'x-roles';
/** Who may call a route or GraphQL operation that names no roles. */
export const DEFAULT_ROLES: Role[] = ['admin'];

/** Roles allowed on a route or GraphQL operation (and shown in the OpenAPI document); without it, admin only. */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension(ROLES_EXTENSION, roles));
