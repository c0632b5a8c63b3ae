package io.harbourpay.server;

import io.harbourpay.server.support.SqliteProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(SqliteProfile.class)
class OperatorAccountsSqliteTest extends OperatorAccountsTestBase {}
