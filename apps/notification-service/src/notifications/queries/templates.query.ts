import { Injectable } from '@nestjs/common';
import { NotificationTemplateView, PreviewTemplateDto, ProblemCodes, RenderedTemplateView } from '@oms/contracts';
import { AppError } from '@oms/platform';
import { OrderReplicaRepository } from '../../orders/order-replica.repository';
import { sampleFacts } from '../domain/message-context';
import { isTemplateName, TemplateInfo, TEMPLATES } from '../domain/templates';
import { NotificationComposer } from '../notification-composer';
import { TemplateError, TemplateRenderer } from '../rendering/template-renderer';

/** The templates, and any of them rendered against a real order without sending anything. */
@Injectable()
export class TemplatesQuery {
  constructor(
    private readonly renderer: TemplateRenderer,
    private readonly composer: NotificationComposer,
    private readonly replicas: OrderReplicaRepository,
  ) {}

  list(): NotificationTemplateView[] {
    return Object.entries(TEMPLATES as Record<string, TemplateInfo>).map(([name, info]) => ({
      name, description: info.description, channels: [...info.channels], locales: this.renderer.locales(name),
    }));
  }

  async preview(name: string, request: PreviewTemplateDto): Promise<RenderedTemplateView> {
    if (!isTemplateName(name)) throw AppError.notFound(`There is no template ${name}; GET /api/notification-templates lists them.`);
    const order = await this.replicas.find(request.orderId);
    if (!order) throw AppError.notFound(`Order ${request.orderId} is not known to the notification service.`);
    const locale = request.locale ?? order.locale;
    try {
      const rendered = this.composer.render(name, locale, order, sampleFacts(order, locale ?? 'en'), TEMPLATES[name].audience === 'customer');
      return { template: name, locale: rendered.locale, subject: rendered.subject, html: rendered.html, text: rendered.sms ?? rendered.text };
    } catch (error) {
      if (error instanceof TemplateError) throw AppError.unprocessable(error.message, ProblemCodes.TemplateFailed);
      throw error;
    }
  }
}
