package dev.hermeticbuild.sbom.maven;

import java.io.File;
import org.apache.maven.model.Model;
import org.apache.maven.model.building.DefaultModelBuilderFactory;
import org.apache.maven.model.building.FileModelSource;
import org.apache.maven.model.building.ModelBuilder;
import org.apache.maven.model.building.ModelBuildingException;
import org.apache.maven.model.building.ModelBuildingRequest;
import org.apache.maven.model.building.ModelBuildingResult;
import org.apache.maven.model.building.Result;
import org.apache.maven.model.path.ProfileActivationFilePathInterpolator;

/**
 * Maven's own model builder (inheritance, interpolation, profiles, dependencyManagement, BOM
 * imports), with its file access confined to the resolution's roots and its parent lineage bounded.
 * Every POM the resolver reads goes through here, the project's as well as the repository's.
 */
final class ConfinedModelBuilder implements ModelBuilder {

    private final ModelBuilder delegate;
    private final ResolutionBounds bounds;

    ConfinedModelBuilder(ResolutionBounds bounds) {
        this.bounds = bounds;
        this.delegate = new DefaultModelBuilderFactory() {
            @Override
            protected ProfileActivationFilePathInterpolator newProfileActivationFilePathInterpolator() {
                return new ConfinedActivationPaths(bounds).setPathTranslator(newPathTranslator());
            }
        }.newInstance();
    }

    @Override
    public ModelBuildingResult build(ModelBuildingRequest request) throws ModelBuildingException {
        return bounded(delegate.build(confine(request)));
    }

    @Override
    public ModelBuildingResult build(ModelBuildingRequest request, ModelBuildingResult result) throws ModelBuildingException {
        return bounded(delegate.build(confine(request), result));
    }

    @Override
    public Result<? extends Model> buildRawModel(File pomFile, int validationLevel, boolean locationTracking) {
        return delegate.buildRawModel(pomFile, validationLevel, locationTracking);
    }

    private ModelBuildingRequest confine(ModelBuildingRequest request) {
        if (request.getModelSource() instanceof FileModelSource f && !(f instanceof ConfinedModelSource)) {
            request.setModelSource(new ConfinedModelSource(f.getPomFile(), bounds));
        } else if (request.getModelSource() == null && request.getPomFile() != null) {
            request.setModelSource(new ConfinedModelSource(request.getPomFile(), bounds));
        }
        return request;
    }

    private ModelBuildingResult bounded(ModelBuildingResult result) {
        long parents = result.getModelIds().stream().filter(id -> !id.isEmpty()).count() - 1;
        if (parents > bounds.limits().maxParents()) {
            String id = result.getModelIds().get(0);
            bounds.refuse(id + " has " + parents + " parent POMs, more than the limit of " + bounds.limits().maxParents()
                    + ": refused as pathological");
        }
        return result;
    }
}
