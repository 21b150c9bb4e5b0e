package dev.hermeticbuild.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The CLI is an adapter beside the Jenkins plugin, never over it. */
class CliLayeringTest {

    @Test
    void cliKnowsNoJenkins() {
        noClasses().that().resideInAPackage("dev.hermeticbuild.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.hermeticbuild.jenkins..", "hudson..", "jenkins..")
                .because("the hermetic command runs outside Jenkins and inside the agent image, where no Jenkins type exists")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.hermeticbuild.cli"));
    }
}
