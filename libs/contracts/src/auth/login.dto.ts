import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

/** A staff member signing in with the account the operator keeps in `STAFF_USERS_FILE`. */
export class LoginDto {
  @IsEmail({}, { message: 'email must be an email address' }) @MaxLength(254) email: string;
  @IsString() @MinLength(1, { message: 'password is required' }) @MaxLength(1024) password: string;
}

export interface StaffUserView {
  email: string;
  name: string;
  role: 'admin';
}

export interface LoginView {
  token: string;
  expiresAt: string;
  user: StaffUserView;
}
