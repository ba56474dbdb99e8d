import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';

export class SurveyIdParam {
  @IsUUID('4', { message: 'id must be a survey id' })
  id!: string;
}

export class VersionParam extends SurveyIdParam {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  number!: number;
}

export class DiffQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  against?: number;
}
