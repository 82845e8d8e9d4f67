import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The health probe's verdict at each metric sample, so the fleet charts can show how many
 * servers were unhealthy over time (the live figures hold only the latest verdict). Samples
 * taken before this column existed have none and count as not unhealthy.
 */
export class AddMetricSampleHealth1796300001200 implements MigrationInterface {
  name = 'AddMetricSampleHealth1796300001200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE server_metric_samples ADD COLUMN health text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE server_metric_samples DROP COLUMN health`);
  }
}
