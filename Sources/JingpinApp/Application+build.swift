import Foundation
import Hummingbird
import JingpinCore
import Logging

/// The one place that wires the application: middleware in order, then every controller.
/// The router with every route. `checkingAnswers` holds each API answer to its documented schema
/// (`AnswerCheck`): on in the tests, off in service.
public func buildRouter(_ services: AppServices, checkingAnswers: Bool = false) throws -> (Router<AppRequestContext>, RouteTable) {
    _ = PrometheusSetup.registry
    let router = Router(context: AppRequestContext.self)
    // One layer, in this order: metrics and the request log see every request; errors are shaped,
    // and every answer, errors included, gets the security headers before it leaves; identity is
    // known before CSRF decides whether a token is needed.
    let routes = RouteTable(router: router)
    router.add(middleware: RequestPipeline(
        telemetry: RequestTelemetryMiddleware(),
        errors: ErrorMiddleware(views: services.views, routes: routes),
        identity: AuthMiddleware(tokens: services.tokens, sessions: services.sessions, secureCookies: services.settings.cookiesAreSecure),
        csrf: CSRFMiddleware(secureCookies: services.settings.cookiesAreSecure)))
    routes.answerCheck = checkingAnswers ? AnswerCheck() : nil
    routes.pageCheck = checkingAnswers ? PageLanguageCheck() : nil
    routes.admit = { limit, context in try limit.admit(services, context) }
    OperationsAPI(services: services, routes: routes).register(routes)
    OperationsPages(services: services, stylesheet: try loadStylesheet()).register(routes)
    HomePages(services: services).register(routes)
    AccountPages(services: services).register(routes)
    AccountAPI(services: services).register(routes)
    EnterpriseAPI(services: services).register(routes)
    EnterprisePages(services: services).register(routes)
    ReferencePages(services: services).register(routes)
    ReferenceAPI(services: services).register(routes)
    AuditPages(services: services).register(routes)
    AuditAPI(services: services).register(routes)
    FilingAPI(services: services).register(routes)
    FilingPages(services: services).register(routes)
    FilingImportPages(services: services).register(routes)
    RuleCataloguePages(services: services).register(routes)
    RuleCatalogueAPI(services: services).register(routes)
    RewardAPI(services: services).register(routes)
    RoundAPI(services: services).register(routes)
    ApplicationAPI(services: services).register(routes)
    EvidenceAPI(services: services).register(routes)
    CityRecommendationAPI(services: services).register(routes)
    ApplicationPages(services: services).register(routes)
    ExpertReviewAPI(services: services).register(routes)
    ExpertRoundAPI(services: services).register(routes)
    ExpertReviewPages(services: services).register(routes)
    DecisionAPI(services: services).register(routes)
    RegistryAPI(services: services).register(routes)
    VerificationPages(services: services).register(routes)
    PublicRegistryAPI(services: services).register(routes)
    RegistryPages(services: services).register(routes)
    CounterfeitReportPages(services: services).register(routes)
    CounterfeitReportAPI(services: services).register(routes)
    TargetsPages(services: services).register(routes)
    TargetsAPI(services: services).register(routes)
    DesignationPages(services: services).register(routes)
    RewardPages(services: services).register(routes)
    RoundPages(services: services).register(routes)
    DecisionPages(services: services).register(routes)
    PublicNoticePages(services: services).register(routes)
    DesignationExportPages(services: services).register(routes)
    DesignationExportAPI(services: services).register(routes)
    return (router, routes)
}

/// Builds the server application on already-built services; the database closes on shutdown.
public func buildApplication(_ services: AppServices, logger: Logger) throws -> some ApplicationProtocol {
    let (router, _) = try buildRouter(services)
    var app = Application(router: router,
                          configuration: .init(address: .hostname(services.settings.hostname, port: services.settings.port),
                                               serverName: "jingpin"),
                          logger: logger)
    app.addServices(services.database)
    return app
}

func loadStylesheet() throws -> String {
    guard let url = Bundle.module.url(forResource: "app", withExtension: "css", subdirectory: "Resources/static") else {
        throw Settings.Invalid(description: "app.css is missing from the bundle")
    }
    return try String(contentsOf: url, encoding: .utf8)
}

/// The process logger. swift-log's default handler writes one line per event with its
/// metadata as key=value pairs; request logs carry `hb.request.id`.
public func makeLogger(label: String, level: String) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = Logger.Level(rawValue: level) ?? .info
    return logger
}
