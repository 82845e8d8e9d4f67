import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many definitions of each server differ from their approved ones (tool-drift control), next
 * to its other live figures: the runtime writes it when it reviews a catalog or an approval ends
 * some drift, the servers list reads and filters on it (`?drift=true`).
 *
 * The list caches its pages per registry revision. A page filtered on drift, and the
 * `pendingRestart` of its items (computed from the open run's launch config), are made of more
 * than the registry rows, so what they are made of moves the revision too: a changed drift count
 * (rare: a catalog that changed, an approval) and a run opened or ended (a start already moves it
 * twice). Health and metrics still never move it.
 */
export class AddServerDriftCount1796300001000 implements MigrationInterface {
  name = 'AddServerDriftCount1796300001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE server_live_figures ADD COLUMN drift_count integer NOT NULL DEFAULT 0 CONSTRAINT ck_server_live_figures_drift_count CHECK (drift_count >= 0)`,
    );
    // "Needs approval" is a handful of servers among many.
    await queryRunner.query(`CREATE INDEX server_live_figures_drifting ON server_live_figures (server_id) WHERE drift_count > 0`);
    await queryRunner.query(`
      CREATE TRIGGER tr_server_live_figures_drift_revision
        AFTER UPDATE OF drift_count ON server_live_figures
        FOR EACH ROW WHEN (OLD.drift_count IS DISTINCT FROM NEW.drift_count)
        EXECUTE FUNCTION bump_registry_revision()
    `);
    await queryRunner.query(`
      CREATE TRIGGER tr_server_runs_revision
        AFTER INSERT OR UPDATE OF ended_at ON server_runs
        FOR EACH STATEMENT EXECUTE FUNCTION bump_registry_revision()
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER tr_server_runs_revision ON server_runs`);
    await queryRunner.query(`DROP TRIGGER tr_server_live_figures_drift_revision ON server_live_figures`);
    await queryRunner.query(`DROP INDEX server_live_figures_drifting`);
    await queryRunner.query(`ALTER TABLE server_live_figures DROP COLUMN drift_count`);
  }
}
