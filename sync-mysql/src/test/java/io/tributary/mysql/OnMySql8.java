package io.tributary.mysql;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class on {@link MySql8Server} instead of the default server: {@link MySqlTestServer#get()} answers
 * MySQL 8 from before the class's first {@code @BeforeAll} (a superclass's too) to after its last {@code @AfterAll}.
 * The usual shape is a one-line subclass of a MariaDB IT: {@code @OnMySql8 class BinlogMySql8IT extends BinlogIT {}}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(OnMySql8.Switch.class)
public @interface OnMySql8 {

  /** The extension behind the annotation. */
  final class Switch implements BeforeAllCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      MySqlTestServer.use(MySqlTestServer.Flavor.MYSQL8);
    }

    @Override
    public void afterAll(ExtensionContext context) {
      MySqlTestServer.use(MySqlTestServer.Flavor.DEFAULT);
    }
  }
}
