import JingpinCore

/// The application services the designation controllers build from `AppServices`, in one place.
protocol UsesApplications {
    var services: AppServices { get }
}

extension UsesApplications {
    var views: Views { services.views }
    var applications: ApplicationService {
        ApplicationService(database: services.database, rules: services.rules, regions: services.reference.regions)
    }
    var evidence: ApplicationEvidence { ApplicationEvidence(applications: applications, catalogue: services.catalogue) }
}
