package dev.hermeticbuild.jenkins;

import dev.hermeticbuild.report.BuildStatus;
import hudson.model.Job;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** A job's "Hermetic builds" page: its recent builds with hermetic, signed and verified status. */
@ExportedBean
public final class HermeticJobAction extends HermeticPage {

    static final int LIMIT = 25;
    private final Job<?, ?> job;

    HermeticJobAction(Job<?, ?> job) {
        this.job = job;
    }

    /** One row of the list. */
    @ExportedBean(defaultVisibility = 2)
    public static final class Row {
        private final int number;
        private final BuildStatus status;

        Row(int number, BuildStatus status) {
            this.number = number;
            this.status = status;
        }

        @Exported
        public int getNumber() {
            return number;
        }

        @Exported
        public boolean isHermetic() {
            return status.hermetic();
        }

        @Exported
        public boolean isSigned() {
            return status.signed();
        }

        @Exported
        public String getVerification() {
            return status.verification();
        }
    }

    /** The most recent builds that used the hermetic steps, newest first. */
    @Exported
    public List<Row> getBuilds() {
        List<Row> rows = new ArrayList<>();
        int seen = 0;
        for (Run<?, ?> r = job.getLastBuild(); r != null && seen < LIMIT * 4 && rows.size() < LIMIT; r = r.getPreviousBuild()) {
            seen++;
            ProvenanceAction a = r.getAction(ProvenanceAction.class);
            if (a != null) {
                rows.add(new Row(r.getNumber(), a.getStatus()));
            }
        }
        return rows;
    }

    @Override
    String displayNameKey() {
        return "JobAction.DisplayName";
    }

    @Override
    public String getUrlName() {
        return "hermetic-builds";
    }
}
