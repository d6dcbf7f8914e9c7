import { Body, Controller, HttpCode, Inject, Post, Req, SetMetadata } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { LoginDto, LoginView } from '@oms/contracts';
import { PUBLIC_ROUTE } from '@oms/platform';
import { schemaRef } from '../http/openapi';
import { Returns, view } from '../http/responses';
import { StaffSignIn } from './staff-sign-in';

@ApiTags('auth')
@Controller('api/auth')
@SetMetadata(PUBLIC_ROUTE, true)
export class AuthController {
  constructor(@Inject(StaffSignIn) private readonly staff: StaffSignIn) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Staff sign-in with an account of STAFF_USERS_FILE: a bearer token for the API; 401 wrong, 429 too many failures' })
  @ApiBody(schemaRef(LoginDto.name))
  @Returns(200, view('LoginView'), 'Signed in', [401, 429])
  login(@Body() body: LoginDto, @Req() request: Request): Promise<LoginView> {
    return this.staff.signIn(body, request.ip ?? 'unknown');
  }
}
