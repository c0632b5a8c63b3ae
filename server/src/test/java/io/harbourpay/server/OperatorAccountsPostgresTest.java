package io.harbourpay.server;

import io.harbourpay.server.support.PostgresProfile;
import io.harbourpay.server.support.RequiresPostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresProfile.class)
@RequiresPostgres
class OperatorAccountsPostgresTest extends OperatorAccountsTestBase {}
