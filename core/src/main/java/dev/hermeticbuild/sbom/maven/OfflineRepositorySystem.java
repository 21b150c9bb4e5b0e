package dev.hermeticbuild.sbom.maven;

import java.util.Map;
import org.apache.maven.model.building.ModelBuilder;
import org.eclipse.aether.internal.impl.LocalPathComposer;
import org.eclipse.aether.spi.connector.transport.TransporterFactory;
import org.eclipse.aether.supplier.RepositorySystemSupplier;

/**
 * Apache Maven Resolver wired for one offline resolution: no transport at all (no remote
 * repository can be reached, whatever a POM declares), POMs read through {@link ConfinedModelBuilder},
 * repository paths through {@link SafeLocalPaths}. Nothing here loads extensions or plugins.
 */
final class OfflineRepositorySystem extends RepositorySystemSupplier {

    private final ResolutionBounds bounds;

    OfflineRepositorySystem(ResolutionBounds bounds) {
        this.bounds = bounds;
    }

    @Override
    protected Map<String, TransporterFactory> createTransporterFactories() {
        return Map.of();
    }

    @Override
    protected ModelBuilder createModelBuilder() {
        return new ConfinedModelBuilder(bounds);
    }

    @Override
    protected LocalPathComposer createLocalPathComposer() {
        return new SafeLocalPaths(bounds);
    }
}
