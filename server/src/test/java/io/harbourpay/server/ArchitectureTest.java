package io.harbourpay.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module rules of DESIGN.md, checked: the core never sees the web framework. */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.harbourpay");

  @Test
  void everyModuleIsImported() {
    for (String name :
        new String[] {
          "io.harbourpay.ledger.Ledger",
          "io.harbourpay.qr.mpm.MpmDecoder",
          "io.harbourpay.platform.Platform",
          "io.harbourpay.server.app.HarbourApp"
        }) {
      org.assertj.core.api.Assertions.assertThat(CLASSES.contain(name)).as(name).isTrue();
    }
  }

  @Test
  void coreModulesNeverImportAWebFramework() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.harbourpay.ledger..", "io.harbourpay.qr..", "io.harbourpay.platform..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.quarkus..", "jakarta..", "io.vertx..", "io.smallrye..", "org.jboss..")
        .check(CLASSES);
  }

  @Test
  void dependenciesPointDownwards() {
    noClasses()
        .that()
        .resideInAnyPackage("io.harbourpay.ledger..", "io.harbourpay.qr..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.harbourpay.platform..", "io.harbourpay.server..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("io.harbourpay.platform..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.harbourpay.server..")
        .check(CLASSES);
  }

  @Test
  void theLedgerDoesNotKnowTheQrModuleAndTheQrModuleNotTheLedger() {
    noClasses()
        .that()
        .resideInAPackage("io.harbourpay.ledger..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.harbourpay.qr..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("io.harbourpay.qr..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.harbourpay.ledger..")
        .check(CLASSES);
  }
}
