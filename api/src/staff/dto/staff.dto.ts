import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import {
  PASSWORD_RULES,
  STAFF_ROLES,
  type CreateStaffUserRequest,
  type LoginRequest,
  type StaffRole,
  type UpdateStaffUserRequest,
} from '@candor/shared';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'ana@swop.example' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, PASSWORD_RULES.maxLength)
  password!: string;
}

export class CreateStaffUserDto implements CreateStaffUserRequest {
  @ApiProperty({ example: 'ana@swop.example' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Ana' })
  @IsString()
  @Length(1, 120)
  displayName!: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES)
  role!: StaffRole;

  @ApiProperty({ format: 'password', minLength: PASSWORD_RULES.minLength })
  @IsString()
  @Length(PASSWORD_RULES.minLength, PASSWORD_RULES.maxLength, {
    message: `password must be ${PASSWORD_RULES.minLength} to ${PASSWORD_RULES.maxLength} characters`,
  })
  password!: string;

  @ApiPropertyOptional({ enum: ['en', 'es'] })
  @IsOptional()
  @IsIn(['en', 'es'])
  locale?: 'en' | 'es';
}

export class UpdateStaffUserDto implements UpdateStaffUserRequest {
  @ApiPropertyOptional({ enum: STAFF_ROLES })
  @IsOptional()
  @IsIn(STAFF_ROLES)
  role?: StaffRole;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 120)
  displayName?: string;

  @ApiPropertyOptional({ enum: ['en', 'es'] })
  @IsOptional()
  @IsIn(['en', 'es'])
  locale?: 'en' | 'es';
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, PASSWORD_RULES.maxLength)
  currentPassword!: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_RULES.minLength })
  @IsString()
  @Length(PASSWORD_RULES.minLength, PASSWORD_RULES.maxLength, {
    message: `newPassword must be ${PASSWORD_RULES.minLength} to ${PASSWORD_RULES.maxLength} characters`,
  })
  newPassword!: string;
}
