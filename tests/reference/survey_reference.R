# Reference numbers from R's survey package (the reference implementation) for the
# toolkit's weighting and design-based statistics. Run once; the tests compare with the
# CSV files it writes and do not need R:
#
#   Rscript tests/reference/survey_reference.R
#
# R reads the raw SurveyXact CSV exports itself: respondents are those whose status is
# "Gjennomført" or "Noen svar" (stato_3/stato_4), and codes labelled "Vet ikke" are
# missing, so the toolkit's own reading is checked too. Two datasets:
#   A: the real export tests/fixtures/surveyxact/ex_survey2 (readSX, MIT licence)
#   B: the synthetic example round surveys/2025 (the baseline, a CSV export)
suppressMessages(library(survey))
options(digits = 15)
here <- "tests/fixtures/reference"

read_export <- function(folder) {
  read <- function(name, header) {
    read.table(file.path(folder, name), sep = ";", header = header, quote = "\"",
               fileEncoding = "CP1252", encoding = "UTF-8", comment.char = "",
               stringsAsFactors = FALSE, na.strings = "", check.names = FALSE)
  }
  data <- read("dataset.csv", TRUE)
  # the toolkit's respondent index: respondentid when the export has one, else 1…n
  data$respondent <- if ("respondentid" %in% names(data)) data$respondentid else seq_len(nrow(data))
  labels <- read("labels.csv", FALSE)
  names(labels) <- c("variable", "code", "label")
  for (v in unique(labels$variable[trimws(labels$label) == "Vet ikke"])) {
    codes <- labels$code[labels$variable == v & trimws(labels$label) == "Vet ikke"]
    if (v %in% names(data)) data[[v]][data[[v]] %in% codes] <- NA
  }
  data[data$stato_3 %in% 1 | data$stato_4 %in% 1, ]
}

write <- function(frame, name) {
  write.csv(frame, file.path(here, name), row.names = FALSE, fileEncoding = "UTF-8")
}

by_mean <- function(design, items, by, dataset) {
  rows <- list()
  for (item in items) {
    f <- as.formula(paste0("~", item))
    overall <- svymean(f, design, na.rm = TRUE)
    ci <- confint(overall, df = degf(design))
    rows[[length(rows) + 1]] <- data.frame(dataset = dataset, item = item, group = "",
      mean = coef(overall)[[1]], se = SE(overall)[[1]], ci_low = ci[1], ci_high = ci[2])
    groups <- svyby(f, as.formula(paste0("~", by)), design, svymean, na.rm = TRUE)
    gci <- confint(groups, df = degf(design))
    rows[[length(rows) + 1]] <- data.frame(dataset = dataset, item = item,
      group = as.character(groups[[by]]), mean = groups[[item]], se = SE(groups),
      ci_low = gci[, 1], ci_high = gci[, 2])
  }
  do.call(rbind, rows)
}

chisq <- function(design, row, col, dataset) {
  test <- svychisq(as.formula(paste0("~", row, "+", col)), design)
  data.frame(dataset = dataset, row = row, col = col, statistic = unname(test$statistic),
             ndf = unname(test$parameter[1]), ddf = unname(test$parameter[2]),
             p_value = test$p.value)
}

# ----------------------------------------------------------------- A: the real export
a <- read_export("tests/fixtures/surveyxact/ex_survey2/csv_semicolon_ansi")
a <- a[a$b_1 %in% c(1, 2) & !is.na(a$m_1) & !is.na(a$s_2), ]
a$kjonn <- factor(a$b_1, levels = 1:2, labels = c("Jente", "Gutt"))
a$matte <- factor(a$m_1, levels = 1:2, labels = c("Matematikk 1T", "Matematikk 1P"))
a$program <- factor(a$s_2, levels = 1:5)  # nobody left in 6 ("Annet")
margins_a <- list(
  data.frame(kjonn = c("Jente", "Gutt"), Freq = c(500, 500)),
  data.frame(matte = c("Matematikk 1T", "Matematikk 1P"), Freq = c(450, 550)),
  data.frame(program = factor(1:5), Freq = c(100, 70, 70, 100, 660))
)
start_a <- svydesign(ids = ~1, data = a, weights = ~rep(1, nrow(a)))
raked_a <- rake(start_a, list(~kjonn, ~matte, ~program), margins_a,
                control = list(maxit = 1000, epsilon = 1e-11, verbose = FALSE))
a$w <- weights(raked_a)
write(data.frame(respondent = a$respondent, weight = a$w), "rake_a.csv")
design_a <- svydesign(ids = ~1, weights = ~w, data = a)  # weights only, as in the toolkit
items_a <- c("i_01", "i_02", "up_01", "up_02", "hm_1")
means_a <- by_mean(design_a, items_a, "kjonn", "A")
a$up01f <- factor(a$up_01); a$i01f <- factor(a$i_01)
complete_up <- svydesign(ids = ~1, weights = ~w, data = a[!is.na(a$up_01), ])
complete_i <- svydesign(ids = ~1, weights = ~w, data = a[!is.na(a$i_01), ])
tests <- rbind(chisq(complete_up, "up01f", "kjonn", "A"), chisq(complete_i, "i01f", "matte", "A"),
               chisq(complete_up, "up01f", "program", "A"))
a$top <- as.numeric(a$up_01 >= 3)
design_a <- svydesign(ids = ~1, weights = ~w, data = a)
prop <- svyciprop(~top, design_a, method = "logit", na.rm = TRUE)
props <- data.frame(dataset = "A", item = "up_01", value = "top2", percent = 100 * coef(prop)[[1]],
                    ci_low = 100 * attr(prop, "ci")[[1]], ci_high = 100 * attr(prop, "ci")[[2]])
wald <- regTermTest(svyglm(up_01 ~ program, complete_up), ~program)
walds <- data.frame(dataset = "A", item = "up_01", by = "program", statistic = wald$Ftest[[1]],
                    ndf = wald$df, ddf = wald$ddf, p_value = wald$p[[1]])
# by school (b_1_1), whose smallest groups hold 1 and 2 respondents: where R refuses a test
# as computationally singular, refused = TRUE and there are no numbers
refusal <- function(item, f) {
  got <- tryCatch(f(), error = function(e) NULL)
  if (is.null(got)) {
    return(data.frame(dataset = "A", item = item, by = "b_1_1", test = attr(f, "test"),
                      refused = TRUE, statistic = NA, ndf = NA, ddf = NA, p_value = NA))
  }
  data.frame(dataset = "A", item = item, by = "b_1_1", test = attr(f, "test"), refused = FALSE,
             statistic = got$statistic, ndf = got$ndf, ddf = got$ddf, p_value = got$p_value)
}
singular <- NULL
for (item in c("up_01", "i_01")) {
  d <- a[!is.na(a[[item]]), ]
  d$school <- factor(d$b_1_1); d$answer <- factor(d[[item]]); d$y <- d[[item]]
  des <- svydesign(ids = ~1, weights = ~w, data = d)
  chi <- function() {
    t <- svychisq(~answer + school, des)
    list(statistic = t$statistic[[1]], ndf = t$parameter[[1]], ddf = t$parameter[[2]],
         p_value = t$p.value[[1]])
  }
  attr(chi, "test") <- "Rao–Scott chi-square"
  f <- function() {
    t <- regTermTest(svyglm(y ~ school, des), ~school)
    list(statistic = t$Ftest[[1]], ndf = t$df, ddf = t$ddf, p_value = t$p[[1]])
  }
  attr(f, "test") <- "design-based F (means)"
  singular <- rbind(singular, refusal(item, chi), refusal(item, f))
  # the same without the respondents of the schools of 1 and 2 (as the toolkit leaves groups
  # under min_base out): R computes both (groups of 5 and 7 are small, not singular)
  d <- d[!(d$b_1_1 %in% c(10, 24)), ]
  d$school <- droplevels(d$school)
  des <- svydesign(ids = ~1, weights = ~w, data = d)
  rows <- rbind(refusal(item, chi), refusal(item, f))
  rows$by <- "b_1_1 without 10, 24"
  singular <- rbind(singular, rows)
}
model <- svyglm(i_01 ~ kjonn + matte, complete_i)
glm_rows <- data.frame(dataset = "A", term = names(coef(model)), estimate = unname(coef(model)),
                       se = unname(SE(model)))
logit <- svyglm(top ~ kjonn + matte, subset(design_a, !is.na(top)), family = quasibinomial())
glm_rows <- rbind(glm_rows, data.frame(dataset = "A logit", term = names(coef(logit)),
                                       estimate = unname(coef(logit)), se = unname(SE(logit))))

# ------------------------------------------------------------ B: the example baseline round
b <- read_export("surveys/2025/ledere_2025_csv")
sizes <- c("Under 20 ansatte", "20–49 ansatte", "50 ansatte eller flere")
regions <- c("Øst", "Vest", "Sør", "Midt", "Nord")
b$kontorstr <- factor(b$kontorstr, levels = 1:3, labels = sizes)
b$region <- factor(b$region, levels = 1:5, labels = regions)
population <- read.table("surveys/populasjon.csv", sep = ";", header = TRUE,
                         fileEncoding = "UTF-8", encoding = "UTF-8", stringsAsFactors = FALSE)
pop_region <- aggregate(kontorer ~ region, population, sum)
pop_size <- aggregate(kontorer ~ kontorstr, population, sum)
names(pop_region)[2] <- names(pop_size)[2] <- "Freq"
pop_region$region <- factor(pop_region$region, levels = regions)
pop_size$kontorstr <- factor(pop_size$kontorstr, levels = sizes)
raked_b <- rake(svydesign(ids = ~1, data = b, weights = ~rep(1, nrow(b))),
                list(~region, ~kontorstr), list(pop_region, pop_size),
                control = list(maxit = 1000, epsilon = 1e-11, verbose = FALSE))
b$w <- weights(raked_b)
write(data.frame(respondent = b$respondent, weight = b$w), "rake_b.csv")
design_b <- svydesign(ids = ~1, weights = ~w, data = b)
means_b <- by_mean(design_b, c("b1_1", "b1_2", "b1_3", "b2_3"), "kontorstr", "B")
b$b13f <- factor(b$b1_3)
complete_b <- svydesign(ids = ~1, weights = ~w, data = b[!is.na(b$b1_3), ])
tests <- rbind(tests, chisq(complete_b, "b13f", "kontorstr", "B"))

write(rbind(means_a, means_b), "means.csv")
write(tests, "chisq.csv")
write(props, "proportions.csv")
write(walds, "wald.csv")
write(glm_rows, "glm.csv")
write(singular, "singular.csv")
cat("wrote", here, "\n")
