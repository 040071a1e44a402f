# Reference numbers for unit reports' findings (toolkit.analysis.units.differences): per
# office of the synthetic staff survey, each leadership item (l_1…l_4) tested unit against
# the other offices with R's chisq.test (Pearson, no continuity correction) and corrected
# across the unit's items with p.adjust(method = "holm"). Run once; the tests compare with
# the CSV it writes and do not need R:
#
#   Rscript tests/reference/units_reference.R
#
# R reads the raw export itself (readxl): respondents are those whose status is
# "Gjennomført" (stato_4 = 1); code 6 ("Vet ikke") is missing. Only offices where both the
# office and the others have at least 5 answers on every item are written (the toolkit
# tests an item only then, and Holm's correction depends on how many are tested).
suppressMessages(library(readxl))
options(digits = 15)
data <- as.data.frame(read_excel("surveys/ansatte/ansatte_2026.xlsx", sheet = "Dataset"))
data <- data[!is.na(data$stato_4) & data$stato_4 == 1, ]
items <- c("l_1", "l_2", "l_3", "l_4")
for (v in items) data[[v]][data[[v]] == 6] <- NA
rows <- list()
for (office in sort(unique(data$kontornr))) {
  mine <- data$kontornr == office
  bases <- sapply(items, function(v) c(sum(!is.na(data[[v]][mine])),
                                       sum(!is.na(data[[v]][!mine]))))
  if (min(bases) < 5) next
  p <- sapply(items, function(v) {
    counts <- rbind(tabulate(data[[v]][mine], 5), tabulate(data[[v]][!mine], 5))
    counts <- counts[, colSums(counts) > 0, drop = FALSE]
    suppressWarnings(chisq.test(counts, correct = FALSE)$p.value)
  })
  rows[[length(rows) + 1]] <- data.frame(kontornr = office, item = items, p = p,
                                         p_holm = p.adjust(p, method = "holm"))
}
out <- do.call(rbind, rows)
write.csv(out, "tests/fixtures/reference/units_holm.csv", row.names = FALSE)
cat("wrote", nrow(out), "rows for", length(rows), "offices\n")
