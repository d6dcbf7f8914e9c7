import { RenderedMessage } from './template-renderer';

/**
 * A staff alert as a Slack Block Kit message: the subject as the notification text (what phones show),
 * the alert in a section, and a button to the order in the admin panel.
 */
export function slackMessage(rendered: Pick<RenderedMessage, 'subject' | 'text'>, adminUrl: string | null) {
  return {
    text: rendered.subject,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: rendered.subject.slice(0, 150), emoji: false } },
      { type: 'section', text: { type: 'mrkdwn', text: rendered.text.slice(0, 3000) } },
      ...(adminUrl ? [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in the admin panel' }, url: adminUrl }] }] : []),
    ],
  };
}
