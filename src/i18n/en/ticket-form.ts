import type { Catalogue } from '../en.js';

/**
 * English strings for <portal-ticket-form>, and for the shared form pieces it owns and
 * <portal-thread> reuses: custom fields (`field.*`), the markdown editor (`editor.*`) and the
 * attachment queue (`upload.*`). Spread into the catalogue in `../en.ts`.
 */
export const ticketFormEn = {
  'field.choose': 'Choose…',
  'field.requiredHint': '(required)',
  'field.error.required': 'Fill in this field.',
  'field.error.choose': 'Choose one of the options.',
  'field.error.chooseSome': 'Choose at least one option.',
  'field.error.checkbox': 'Check this box to continue.',
  'field.error.number': 'Enter a number.',
  'field.error.min': 'Enter {min} or more.',
  'field.error.max': 'Enter {max} or less.',
  'field.error.date': 'Enter a date.',
  'field.error.dateMin': 'Choose {date} or later.',
  'field.error.dateMax': 'Choose {date} or earlier.',
  'field.error.tooLong': {
    one: 'Use at most {count} character.',
    other: 'Use at most {count} characters.',
  },
  'field.error.email': 'Enter an email address like name@company.com.',
  'field.error.url': 'Enter a web address starting with https://.',
  'field.error.pattern': 'This isn’t in the expected format.',
  'field.error.patternExample': 'Use the expected format, like {example}.',
  'editor.write': 'Write',
  'editor.preview': 'Preview',
  'editor.tabs': '{label}: write or preview',
  'editor.empty': 'Nothing to preview yet.',
  'editor.previewError': 'The preview could not be loaded. Your text is safe; try again.',
  'editor.markdownHint': 'Markdown works here: **bold**, `code`, lists and links.',
  'upload.add': 'Attach files',
  'upload.hint': 'or drop them here, or paste a screenshot.',
  'upload.limit': 'Up to {max} each.',
  'upload.unnamed': 'Pasted file',
  'upload.listLabel': 'Attachments',
  'upload.progress': 'Uploading {name}',
  'upload.done': 'Attached',
  'upload.retry': 'Retry',
  'upload.remove': 'Remove {name}',
  'upload.removed': '{name} removed.',
  'upload.attached': '{name} attached.',
  'upload.rejected': '{name} could not be attached. {reason}',
  'upload.tooLarge': 'This file is {size}; files can be at most {max}.',
  'upload.tooLargeServer': 'This file is larger than the server accepts.',
  'upload.typeNotAllowed': 'Files of this type can’t be attached.',
  'upload.signInAgain': 'Your session has ended. Sign in again, then retry.',
  'upload.interrupted': 'The upload was interrupted.',
} as const satisfies Catalogue;
