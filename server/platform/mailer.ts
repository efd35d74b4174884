import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config.js';

export type Mailer = Transporter;

export function createMailer(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>): Mailer {
  return nodemailer.createTransport(config.SMTP_URL, { from: config.MAIL_FROM });
}
