import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendErrorPage, wantsHtml } from './error-page';
import { toErrorResponse } from './error-response';

/** The one place errors become HTTP responses (`{ code, message, details }`). */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body, headers } = toErrorResponse(exception, host.switchToHttp().getRequest<Request>().originalUrl);
    if (response.headersSent) return;
    if (wantsHtml(host.switchToHttp().getRequest<Request>())) {
      sendErrorPage(response, status, body, headers);
      return;
    }
    response.status(status).set(headers).json(body);
  }
}
