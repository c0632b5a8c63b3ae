package io.harbourpay.server.support;

import io.harbourpay.ledger.testing.TestStores;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * Skips a test class, with the reason, when PostgreSQL is unreachable — decided before Quarkus
 * starts the server against it. Under CI=true {@link TestStores#requirePostgres()} fails instead,
 * and so does the class.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(RequiresPostgres.Condition.class)
public @interface RequiresPostgres {
  class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      try {
        // Under Quarkus the test classes have a class loader of their own; DriverManager hands a
        // driver only to code whose loader resolves that same driver class, so register this
        // loader's copy before TestStores connects (see StoreConfig.registerDriver).
        Class.forName("org.postgresql.Driver", true, TestStores.class.getClassLoader());
        TestStores.requirePostgres();
        return ConditionEvaluationResult.enabled("PostgreSQL is reachable");
      } catch (ClassNotFoundException missing) {
        throw new IllegalStateException("pgjdbc is not on the test class path", missing);
      } catch (TestAbortedException unreachable) {
        return ConditionEvaluationResult.disabled(unreachable.getMessage());
      }
    }
  }
}
