import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export class CustomTableFilterDto {
  @ApiProperty({ example: 'work_setting' })
  @IsString({ message: 'filter.question must be a question name' })
  @MaxLength(200, { message: 'filter.question is too long' })
  question!: string;

  @ApiProperty({ example: ['indoor', 'outdoor'] })
  @IsArray({ message: 'filter.values must be a list of answers' })
  @ArrayMinSize(1, { message: 'filter.values must keep at least one answer' })
  @ArrayMaxSize(200, { message: 'filter.values has too many answers' })
  @IsString({ each: true, message: 'each of filter.values must be an answer value' })
  @MaxLength(200, { each: true, message: 'a filter value is too long' })
  values!: string[];
}

/** A custom table: one to three single-choice (or banded) questions, optionally filtered by another. */
export class CustomTableDto {
  @ApiProperty({ example: ['region', 'screening'], minItems: 1, maxItems: 3 })
  @IsArray({ message: 'questions must be a list of question names' })
  @ArrayMinSize(1, { message: 'a table needs at least one question' })
  @ArrayMaxSize(3, { message: 'a table has at most three questions' })
  @IsString({ each: true, message: 'each question must be a question name' })
  @MaxLength(200, { each: true, message: 'a question name is too long' })
  questions!: string[];

  @ApiPropertyOptional({ type: CustomTableFilterDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CustomTableFilterDto)
  filter?: CustomTableFilterDto | null;
}
