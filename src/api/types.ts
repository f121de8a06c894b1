// Friendly names for the shapes of the REST contract. The source of truth is openapi.yaml;
// contract.gen.ts is generated from it (`npm run api:types`).
import type { components, operations } from './contract.gen.js';

type Schemas = components['schemas'];

export type PortalConfig = Schemas['PortalConfig'];
export type LoginMethod = Schemas['LoginMethod'];
export type OtpStartRequest = Schemas['OtpStartRequest'];
export type OtpStartResponse = Schemas['OtpStartResponse'];
export type OtpVerifyRequest = Schemas['OtpVerifyRequest'];
export type MagicLinkStartRequest = Schemas['MagicLinkStartRequest'];
export type AuthProvider = Schemas['AuthProvider'];
export type Session = Schemas['Session'];
export type Role = Schemas['Role'];
export type User = Schemas['User'];
export type Organization = Schemas['Organization'];
export type Me = Schemas['Me'];
export type FieldType = Schemas['FieldType'];
export type FieldOption = Schemas['FieldOption'];
export type FieldCondition = Schemas['FieldCondition'];
export type Field = Schemas['Field'];
export type FieldValue = Schemas['FieldValue'];
export type TicketForm = Schemas['TicketForm'];
export type TicketStatus = Schemas['TicketStatus'];
export type TicketPriority = Schemas['TicketPriority'];
export type Person = Schemas['Person'];
export type Satisfaction = Schemas['Satisfaction'];
export type Ticket = Schemas['Ticket'];
export type TicketPage = Schemas['TicketPage'];
export type CreateTicketRequest = Schemas['CreateTicketRequest'];
export type UpdateTicketRequest = Schemas['UpdateTicketRequest'];
export type Attachment = Schemas['Attachment'];
export type Author = Schemas['Author'];
export type Message = Schemas['Message'];
export type MessagePage = Schemas['MessagePage'];
export type CreateMessageRequest = Schemas['CreateMessageRequest'];
export type SatisfactionRequest = Schemas['SatisfactionRequest'];
export type MemberStatus = Schemas['MemberStatus'];
export type Member = Schemas['Member'];
export type MemberPage = Schemas['MemberPage'];
export type InvitationRequest = Schemas['InvitationRequest'];
export type UpdateMemberRequest = Schemas['UpdateMemberRequest'];
export type Collection = Schemas['Collection'];
export type CollectionList = Schemas['CollectionList'];
export type ArticleSummary = Schemas['ArticleSummary'];
export type ArticlePage = Schemas['ArticlePage'];
export type Article = Schemas['Article'];
export type FeedbackRequest = Schemas['FeedbackRequest'];
export type ProblemDocument = Schemas['Problem'];
export type FieldError = Schemas['FieldError'];

type Query<K extends keyof operations> = operations[K]['parameters'] extends { query?: infer Q } ? NonNullable<Q> : never;

export type ListTicketsQuery = Query<'listTickets'>;
export type ListMessagesQuery = Query<'listMessages'>;
export type ListMembersQuery = Query<'listMembers'>;
export type ListArticlesQuery = Query<'listArticles'>;

/** Options every client method takes. */
export interface RequestOptions {
  /** Aborts the request; an aborted request rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Options of the methods that create something. */
export interface CreateOptions extends RequestOptions {
  /**
   * The `Idempotency-Key` to send. Give the same key when a person retries the same action
   * (a failed send), so the server creates it once. Generated when omitted.
   */
  idempotencyKey?: string;
}

/** Options of an upload. */
export interface UploadOptions extends CreateOptions {
  /** Called as the file is sent, with the bytes sent so far and the total. */
  onProgress?: (loaded: number, total: number) => void;
}
