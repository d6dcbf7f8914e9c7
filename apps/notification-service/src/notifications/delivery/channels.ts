import { Injectable } from '@nestjs/common';
import { NotificationChannel } from '@oms/contracts';
import { Channel } from './channel';
import { EmailChannel } from './channels/email.channel';
import { SlackChannel } from './channels/slack.channel';
import { SmsChannel } from './channels/sms.channel';
import { WebhookChannel } from './channels/webhook.channel';

/** The four channels by name. */
@Injectable()
export class Channels {
  readonly all: readonly Channel[];

  constructor(email: EmailChannel, sms: SmsChannel, slack: SlackChannel, webhook: WebhookChannel) {
    this.all = [email, sms, slack, webhook];
  }

  get(name: NotificationChannel): Channel {
    return this.all.find((channel) => channel.name === name)!;
  }
}
