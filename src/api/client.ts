import type {
  Article,
  ArticlePage,
  Attachment,
  AuthProvider,
  CollectionList,
  CreateMessageRequest,
  CreateOptions,
  CreateTicketRequest,
  FeedbackRequest,
  InvitationRequest,
  ListArticlesQuery,
  ListMembersQuery,
  ListMessagesQuery,
  ListTicketsQuery,
  MagicLinkStartRequest,
  Me,
  Member,
  MemberPage,
  Message,
  MessagePage,
  OtpStartRequest,
  OtpStartResponse,
  OtpVerifyRequest,
  PortalConfig,
  RequestOptions,
  SatisfactionRequest,
  Session,
  Ticket,
  TicketForm,
  TicketPage,
  UpdateMemberRequest,
  UpdateTicketRequest,
  UploadOptions,
} from './types.js';

/** How the client authenticates its requests. */
export type AuthMode = 'bearer' | 'cookie';

/** What a client tells its listeners about the session it holds. */
export type ClientAuthEvent = { type: 'token'; token: string | null } | { type: 'expired' };

/**
 * The seam between the elements and a helpdesk. Elements call only these methods, on the client
 * they get from context; the default implementation is `RestPortalClient` for the REST contract
 * in openapi.yaml. Any object implementing this interface (an adapter for another helpdesk, a
 * test double) can be handed to `<portal-provider>` as its `client` property.
 *
 * Every method takes an `AbortSignal` and rejects with a `PortalError` on failure.
 */
export interface PortalClient {
  /** The bearer token in use, or null (cookie mode, or signed out). */
  readonly token: string | null;
  /** Sets or clears the bearer token sent with each request. */
  setToken(token: string | null): void;
  /** Listens for token changes and for a 401 that marks the session expired; returns an unsubscribe. */
  onAuthEvent(listener: (event: ClientAuthEvent) => void): () => void;

  getPortalConfig(options?: RequestOptions): Promise<PortalConfig>;

  startOtp(body: OtpStartRequest, options?: RequestOptions): Promise<OtpStartResponse>;
  verifyOtp(body: OtpVerifyRequest, options?: RequestOptions): Promise<Session>;
  startMagicLink(body: MagicLinkStartRequest, options?: RequestOptions): Promise<void>;
  listAuthProviders(options?: RequestOptions): Promise<AuthProvider[]>;
  exchangeCode(code: string, options?: RequestOptions): Promise<Session>;
  signInWithIdentity(token: string, options?: RequestOptions): Promise<Session>;
  getMe(options?: RequestOptions): Promise<Me>;
  logout(options?: RequestOptions): Promise<void>;

  listTicketForms(options?: RequestOptions): Promise<TicketForm[]>;
  listTickets(query?: ListTicketsQuery, options?: RequestOptions): Promise<TicketPage>;
  createTicket(body: CreateTicketRequest, options?: CreateOptions): Promise<Ticket>;
  getTicket(id: string, options?: RequestOptions): Promise<Ticket>;
  updateTicket(id: string, body: UpdateTicketRequest, options?: RequestOptions): Promise<Ticket>;
  listMessages(ticketId: string, query?: ListMessagesQuery, options?: RequestOptions): Promise<MessagePage>;
  createMessage(ticketId: string, body: CreateMessageRequest, options?: CreateOptions): Promise<Message>;
  rateTicket(ticketId: string, body: SatisfactionRequest, options?: RequestOptions): Promise<Ticket>;
  uploadAttachment(file: File, options?: UploadOptions): Promise<Attachment>;

  listMembers(query?: ListMembersQuery, options?: RequestOptions): Promise<MemberPage>;
  inviteMember(body: InvitationRequest, options?: CreateOptions): Promise<Member>;
  reinviteMember(id: string, options?: RequestOptions): Promise<Member>;
  updateMember(id: string, body: UpdateMemberRequest, options?: RequestOptions): Promise<Member>;
  /** The members as CSV text. */
  exportMembers(options?: RequestOptions): Promise<Blob>;

  listCollections(options?: RequestOptions): Promise<CollectionList>;
  listArticles(query?: ListArticlesQuery, options?: RequestOptions): Promise<ArticlePage>;
  getArticle(id: string, options?: RequestOptions): Promise<Article>;
  sendArticleFeedback(id: string, body: FeedbackRequest, options?: RequestOptions): Promise<void>;
}
