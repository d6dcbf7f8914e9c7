import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { TemplateContext } from '../domain/message-context';

export interface RenderedMessage {
  locale: string;
  subject: string;
  html: string;
  text: string;
  /** The text message, for templates that have one. */
  sms: string | null;
}

/** A template that is missing or fails to render: recorded on the notification, never a crash. */
export class TemplateError extends Error {}

type Part = 'subject' | 'html' | 'text' | 'sms';

/**
 * Renders the Handlebars templates of a folder an operator can replace: `<locale>/<name>.<part>.hbs`
 * (subject, html, text, sms), `<locale>/strings.json` for the layout's words, `partials/*.hbs`, and
 * `layout.html.hbs` around every HTML body. A locale falls back to its language (`de-AT` → `de`) and
 * then to the default, file by file. HTML is escaped; subject, text and SMS are not (they are not HTML).
 */
export class TemplateRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly compiled = new Map<string, HandlebarsTemplateDelegate | null>();
  private readonly stringsByLocales = new Map<string, Record<string, string>>();
  private readonly resolved = new Map<string, string>();
  private readonly layout: HandlebarsTemplateDelegate;

  constructor(private readonly dir: string, private readonly defaultLocale: string) {
    if (!existsSync(join(dir, defaultLocale))) throw new Error(`the templates folder ${dir} has no ${defaultLocale} folder (NOTIFICATION_DEFAULT_LOCALE)`);
    const partials = join(dir, 'partials');
    if (existsSync(partials)) {
      for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs'))) {
        this.handlebars.registerPartial(basename(file, '.hbs'), readFileSync(join(partials, file), 'utf8'));
      }
    }
    this.layout = this.handlebars.compile(readFileSync(join(dir, 'layout.html.hbs'), 'utf8'), { strict: false });
  }

  /** The locales with files for a template (the default first). */
  locales(name: string): string[] {
    return readdirSync(this.dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(this.dir, entry.name, `${name}.subject.hbs`)))
      .map((entry) => entry.name)
      .sort((a, b) => (a === this.defaultLocale ? -1 : b === this.defaultLocale ? 1 : a.localeCompare(b)));
  }

  /** The locale a message is written in: the requested one, its language, or the default. */
  resolveLocale(name: string, requested: string | null): string {
    const key = `${name}|${requested}`;
    let locale = this.resolved.get(key);
    if (!locale) {
      locale = this.candidates(requested).find((l) => existsSync(join(this.dir, l, `${name}.subject.hbs`))) ?? this.defaultLocale;
      if (this.resolved.size >= 1000) this.resolved.clear(); // locales come from orders: keep the cache bounded
      this.resolved.set(key, locale);
    }
    return locale;
  }

  render(name: string, requested: string | null, context: TemplateContext): RenderedMessage {
    const locale = this.resolveLocale(name, requested);
    const candidates = this.candidates(locale);
    const full = { ...context, locale, t: this.strings(candidates) };
    const part = (which: Part, required: boolean) => {
      const template = candidates.map((l) => this.template(l, name, which)).find(Boolean);
      if (!template) {
        if (required) throw new TemplateError(`template ${name} has no ${which} file for ${locale} or ${this.defaultLocale}`);
        return null;
      }
      try {
        return template(full).trim();
      } catch (error) {
        throw new TemplateError(`template ${name} (${which}, ${locale}) failed to render: ${(error as Error).message}`);
      }
    };
    const subject = part('subject', true)!.replace(/\s+/g, ' ');
    const body = part('html', true)!;
    let html: string;
    try {
      html = this.layout({ ...full, subject, body });
    } catch (error) {
      throw new TemplateError(`the layout failed to render ${name}: ${(error as Error).message}`);
    }
    return { locale, subject, html, text: part('text', true)!, sms: part('sms', false) };
  }

  private candidates(locale: string | null): string[] {
    const list = locale ? [locale, locale.split('-')[0]] : [];
    return [...new Set([...list, this.defaultLocale])];
  }

  /** The layout's words in the first locale that has each, read once. */
  private strings(candidates: string[]): Record<string, string> {
    const key = candidates.join(',');
    let merged = this.stringsByLocales.get(key);
    if (!merged) {
      merged = {};
      for (const locale of [...candidates].reverse()) {
        const file = join(this.dir, locale, 'strings.json');
        if (existsSync(file)) Object.assign(merged, JSON.parse(readFileSync(file, 'utf8')));
      }
      this.stringsByLocales.set(key, merged);
    }
    return merged;
  }

  /** Compiled once per file; null when the locale has no such file. */
  private template(locale: string, name: string, part: Part): HandlebarsTemplateDelegate | null {
    const file = join(this.dir, locale, `${name}.${part}.hbs`);
    if (!this.compiled.has(file)) {
      if (!existsSync(file)) this.compiled.set(file, null);
      else {
        try {
          this.compiled.set(file, this.handlebars.compile(readFileSync(file, 'utf8'), { noEscape: part !== 'html', strict: false }));
        } catch (error) {
          throw new TemplateError(`template ${file} does not compile: ${(error as Error).message}`);
        }
      }
    }
    return this.compiled.get(file)!;
  }
}
