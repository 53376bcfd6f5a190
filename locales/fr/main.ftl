## irritrack — messages en français. Chaque chaîne que lit l'utilisateur se trouve ici; les clés sont communes
## aux autres langues. Les paramètres s'écrivent { $name }.

## Mise en page
nav-skip = Aller au contenu principal
language-toggle = English
nav-label = Menu principal
nav-irritants = Irritants
nav-new-irritant = Inscrire un irritant
breadcrumbs = Vous êtes ici
footer-text = irritrack — le registre des irritants commerciaux, de la directive des dirigeants jusqu'au règlement.

## Termes communs
page-title = { $title } — irritrack
trade-value-text = { $amount } CA ({ $year }, { $source })
choose = Choisir…
overdue = En retard
milestone-overdue = Jalon en retard
date-none = Aucune date
owner-none = Aucun responsable
department-none = Aucun ministère responsable
rag-none = Aucune mise à jour
status-since = depuis le
products-none = Aucun produit indiqué.
product-hs-code = Code SH
product-label = Produit

## Champs
field-reference = Référence
field-title = Titre
field-summary = Résumé
field-counterpart = Partenaire commercial
field-direction = Sens
field-sector = Secteur
field-products = Produits
field-measure-type = Type de mesure
field-measure = Précisions sur la mesure
field-status = Statut
field-priority = Priorité
field-action-holder = Qui doit agir
field-rag = Confiance quant à l'exécution (feu tricolore)
field-owner = Responsable
field-lead-department = Ministère responsable
field-department = Ministère responsable
field-team = Équipe
field-target-date = Date cible de règlement
field-trade-value = Valeur commerciale en jeu
field-trade-value-amount = Montant (CAD)
field-trade-value-year = Année du chiffre
field-trade-value-source = Source du chiffre
field-effective-date = Date d'effet
field-note = Précisions
field-closure-reason = Motif de la fermeture
field-reported-on = Date de la mise à jour
field-done = Travail accompli
field-next-steps = Prochaines étapes
field-title-translation = Titre dans l'autre langue officielle
field-summary-translation = Résumé dans l'autre langue officielle
field-done-translation = Ce qui a été fait, dans l'autre langue officielle
field-next-steps-translation = Prochaines étapes, dans l'autre langue officielle
field-title-fr = Titre en français
hint-written-in = La langue officielle dans laquelle le texte ci-dessous est rédigé.
form-section-other-language = Dans l'autre langue officielle (facultatif)
hint-other-language = Les lecteurs de cette langue voient ces textes lorsqu'ils sont fournis, et l'original sinon.
hint-title-fr = Pour les lecteurs francophones, lorsque le titre du document n'est pas en français.
field-due-date = Date d'échéance
field-state = État
field-q = Recherche
field-overdue = En retard
field-sort = Trier par
field-page = Page
field-version = Version
field-link-kind = Lien
field-status-date = Statut depuis le
field-updated-at = Dernière modification

## Vocabulaires
status-open = Ouvert
status-resolved_in_part = Réglé en partie
status-resolved = Réglé
status-dormant = En veilleuse
status-closed = Fermé
direction-their_measure = Leur mesure visant nos exportations
direction-our_measure = Notre mesure contestée par le partenaire commercial
measure-type-tariff = Droit de douane
measure-type-surtax = Surtaxe
measure-type-anti_dumping_duty = Droit antidumping
measure-type-countervailing_duty = Droit compensateur
measure-type-sps_tbt_restriction = Restriction SPS/OTC
measure-type-import_ban = Interdiction d'importation
measure-type-licensing = Régime de licences
measure-type-other = Autre mesure
priority-leaders = Dirigeants
priority-high = Élevée
priority-medium = Moyenne
priority-low = Faible
priority-watch = À surveiller
action-holder-us = Nous
action-holder-counterpart = Partenaire commercial
action-holder-industry = Industrie
action-holder-joint = Conjointement
rag-on_track = En bonne voie
rag-at_risk = À risque
rag-off_track = Hors trajectoire
sector-agri-food = Agriculture et agroalimentaire
sector-fisheries = Poisson et fruits de mer
sector-forestry = Foresterie
sector-energy = Énergie
sector-metals = Métaux
sector-automotive = Automobile
sector-manufacturing = Fabrication
sector-chemicals = Produits chimiques et pharmaceutiques
sector-digital = Numérique et technologie
sector-services = Services
sector-other = Autre secteur
milestone-state-planned = Prévu
milestone-state-in_progress = En cours
milestone-state-done = Terminé
milestone-state-cancelled = Annulé
closure-reason-duplicate = Doublon
closure-reason-not_an_irritant = Ne constitue pas un irritant
closure-reason-superseded = Remplacé
closure-reason-withdrawn = Retiré
closure-reason-other = Autre motif
link-kind-retaliation_for = Mesure de rétorsion en réponse à
link-kind-related = Lié à
link-kind-resolve_together = À régler conjointement avec
link-kind-retaliation_for-out = Mesure de rétorsion en réponse à
link-kind-retaliation_for-in = Ayant entraîné la mesure de rétorsion
link-kind-related-out = Lié à
link-kind-related-in = Lié à
link-kind-resolve_together-out = À régler conjointement avec
link-kind-resolve_together-in = À régler conjointement avec
sort-updated = Modifiés récemment
sort-target_date = Date cible, la plus proche d'abord
sort-priority = Priorité, la plus urgente d'abord
sort-title = Titre, de A à Z

## La liste
list-title = Irritants
filter-label = Filtrer les irritants
filter-any = Tous
filter-no-owner = Aucun responsable
filter-no-department = Aucun ministère responsable
filter-overdue-only = En retard seulement
filter-overdue-target = Date cible dépassée
filter-overdue-milestones = Avec un jalon en retard
filter-active-only = Ouverts ou réglés en partie
filter-stale-only = Aucune mise à jour de l'avancement ni changement de statut récent
field-stale = Sans activité récente
field-attention = Requiert une attention
filter-attention-only = Hors trajectoire, en retard, ou (priorité Dirigeants et Élevée) sans responsable ou sans activité récente
field-due-within = Échéance dans un délai de (jours)
hint-due-within = Date cible comprise entre aujourd'hui et ce nombre de jours à venir.
field-status-from = Statut atteint à partir du
field-status-to = Statut atteint jusqu'au
error-period-reversed = Cette date est antérieure à la première.
error-report-too-large = Ce rapport énumérerait { $count } irritants; un rapport en énumère au plus { $max }. Limitez-le à un partenaire commercial, un secteur, un ministère responsable ou une priorité, ou exportez plutôt la liste.
error-invalid-days = Indiquez un nombre entier de jours ne dépassant pas { $max }.
filter-apply = Appliquer les filtres
filter-clear = Effacer les filtres
hint-counterpart-code = Nom ou code à deux lettres, p. ex. Chine ou CN
list-count = Irritants { $first } à { $last } sur { $total }
list-count-none = Irritants correspondants : { $total }
list-empty = Aucun irritant ne correspond à ces filtres.
list-past-end = Cette page se trouve au-delà de la fin de la liste.
pagination-label = Pages
pagination-previous = Page précédente
pagination-next = Page suivante
pagination-position = Page { $page } sur { $pages }

## Un irritant
irritant-actions = Actions sur cet irritant
irritant-facts = Faits
irritant-recorded = Inscrit le
irritant-changed = Dernière modification
action-edit = Modifier
action-change-status = Changer le statut
action-add-update = Ajouter une mise à jour de l'avancement
action-milestones = Jalons
action-history = Historique
action-save = Enregistrer les modifications
action-create = Inscrire l'irritant
action-cancel = Annuler
action-add-milestone = Ajouter le jalon
links-title = Irritants liés
milestones-title = Jalons
milestones-none = Aucun jalon pour l'instant.
milestones-manage = Ajouter ou modifier des jalons
updates-title = Mises à jour de l'avancement
updates-none = Aucune mise à jour de l'avancement pour l'instant.
update-heading = Mise à jour du

## Avis
notice-created = L'irritant est inscrit au registre.
notice-saved = Vos modifications sont enregistrées.
notice-unchanged = Rien n'a été modifié : le formulaire contenait les valeurs déjà enregistrées.
notice-status = Le statut est changé.
notice-update = La mise à jour de l'avancement est ajoutée.
notice-milestone = Le jalon est enregistré.

## Formulaires
form-required = (obligatoire)
form-error-prefix = Erreur :
form-error-summary = Les renseignements saisis posent problème
form-section-issue = L'enjeu
form-section-measure = La mesure
form-section-work = Les travaux
form-section-trade-value = Valeur commerciale en jeu (facultatif)
new-title = Inscrire un irritant
edit-title = Modifier { $reference }
hint-measure = Taux, fondement juridique, dates : ce dont le lecteur a besoin pour comprendre la mesure.
hint-products = Un produit par ligne : le code SH, puis son libellé. Par exemple : 1205.10 Graines de canola
hint-date = Année-mois-jour, p. ex. 2026-03-31.
hint-trade-value = Remplissez les trois champs, ou laissez-les tous les trois vides.
status-title = Changer le statut de { $reference }
status-current = Statut actuel :
hint-effective-date = Le jour où le changement a pris effet (pour un règlement, le jour où l'irritant a été réglé). La date ne peut pas être dans l'avenir.
hint-status-note = Précisez quelle partie est réglée (réglé en partie), comment l'irritant a été réglé (réglé) ou pourquoi (en veilleuse, fermé, réouverture).
hint-closure-reason = Seulement lors de la fermeture.
hint-status-summary = Facultatif : une ligne pour l'historique.
update-title = Mise à jour de l'avancement de { $reference }
milestones-page-title = Jalons de { $reference }
milestone-add-title = Ajouter un jalon
milestone-edit-title = Modifier le jalon « { $title } »

## Conflits
conflict-title = Quelqu'un d'autre a modifié ces renseignements pendant que vous travailliez
conflict-explanation = Rien de ce que vous avez saisi n'a été enregistré, et rien de ce que l'autre personne a saisi n'a été écrasé. Ses modifications sont énumérées ci-dessous. Le formulaire conserve vos saisies et intègre ses modifications aux champs que vous n'aviez pas touchés; les champs que vous avez tous deux modifiés sont signalés. Vérifiez-les, puis enregistrez de nouveau.
conflict-milestone = Rien de ce que vous avez saisi n'a été enregistré. Le formulaire conserve vos saisies et intègre les modifications de l'autre personne aux champs que vous n'aviez pas touchés; les champs que vous avez tous deux modifiés sont signalés. Vérifiez-les, puis enregistrez de nouveau.

## Historique
history-title = Historique de { $reference }
history-none = Rien n'a encore été consigné.
history-effective = à compter du
history-before = Avant
history-after = Après
history-empty-value = (vide)
history-created = Irritant inscrit : { $summary }
history-imported = Irritant importé de { $after } : { $summary }
history-field-changed = { $field } : { $before } remplacé par { $after }
history-field-changed-long = { $field } : valeur modifiée
history-field-set = { $field } : valeur fixée à { $after }
history-field-cleared = { $field } : valeur effacée (auparavant { $before })
history-update-added = Mise à jour de l'avancement ajoutée : { $after }
history-milestone-added = Jalon « { $summary } » ajouté, échéance le { $after }
history-milestone-changed = Jalon « { $summary } » — { $field } : { $before } remplacé par { $after }
history-link-added = Lié à { $summary } : { $after }
history-link-removed = N'est plus lié à { $summary } : { $after }

## Erreurs dans les champs
error-required = Entrez une valeur.
error-too-long = Utilisez au plus { $max } caractères (ce texte en compte { $length }).
error-one-line = Limitez-vous à une seule ligne.
error-too-many-words = Cherchez au plus { $max } mots.
error-control-characters = Supprimez les caractères de contrôle (caractères invisibles qui ne sont pas du texte).
error-not-in-list = Choisissez l'une des valeurs proposées.
error-unknown-country = « { $code } » n'est pas un code de pays ISO 3166. Utilisez deux lettres, p. ex. CN ou US.
error-invalid-hs-code = Ligne { $line } : « { $code } » n'est pas un code SH. Utilisez 2, 4, 6, 8 ou 10 chiffres, p. ex. 1205.10.
error-product-label-required = Ligne { $line } : indiquez un libellé après le code SH { $code }.
error-duplicate-hs-code = Ligne { $line } : le code SH { $code } figure deux fois.
error-too-many-products = Indiquez au plus { $max } produits.
error-invalid-date = « { $value } » n'est pas une date. Utilisez le format année-mois-jour, p. ex. 2026-03-31.
error-date-out-of-range = Indiquez une date comprise entre le { $earliest } et le { $latest }.
error-report-from-after-to = La période doit commencer au plus tard le jour où elle se termine.
error-report-period-too-long = Un rapport couvre au plus dix ans.
error-date-in-future = Cette date est dans l'avenir; indiquez le jour où l'événement a eu lieu.
error-date-before-status = Le statut actuel a pris effet le { $date }; indiquez ce jour ou un jour ultérieur.
error-changed-meanwhile = Quelqu'un d'autre a remplacé cette valeur par « { $theirs } » pendant que vous faisiez vos modifications. Votre saisie figure ci-dessous : conservez-la, ou reprenez la sienne.
error-invalid-amount = « { $value } » n'est pas un montant. Utilisez des chiffres, p. ex. 1 250 000 ou 1 250 000,50.
error-invalid-year = Indiquez une année comprise entre { $earliest } et { $latest }.
error-invalid-email = « { $value } » n'est pas une adresse courriel.
error-unknown-person = Aucune personne correspondant à « { $value } » ne figure dans le registre.
error-unknown-department = « { $value } » n'est pas un ministère inscrit au registre.
error-invalid-page = Indiquez un numéro de page égal ou supérieur à 1.
error-invalid-reference = Indiquez une référence comme IRR-2025-0007.
error-status-unchanged = L'irritant a déjà ce statut.
error-status-reopen-first = Un irritant réglé ou fermé doit d'abord être rouvert.
error-note-which-part = Précisez quelle partie est réglée, p. ex. quelles lignes tarifaires du SH.
error-note-how-resolved = Précisez comment l'irritant a été réglé.
error-note-dormant-reason = Précisez pourquoi l'irritant est en veilleuse.
error-note-reopen-reason = Précisez pourquoi l'irritant est rouvert.
error-note-closure-other = Expliquez le motif de la fermeture.
error-closure-reason-required = Choisissez le motif de la fermeture.
error-status-new-must-be-open = Un nouvel irritant est d'abord ouvert; changez son statut par la suite.
error-status-detail-without-status = Envoyez le nouveau statut avec ses précisions.
error-version-required = Envoyez la version que vous avez consultée, sous forme de nombre entier.

## Problèmes (pages d'erreur et erreurs de l'API)
problem-status = Erreur { $status }
problem-back = Aller à la liste des irritants
problem-not-found = Page introuvable
problem-not-found-help = Il n'y a rien à cette adresse. Si vous avez tapé une référence, vérifiez-la; les références ont la forme IRR-2025-0007.
problem-invalid = Certaines valeurs ne sont pas valides
problem-invalid-help = Vérifiez les valeurs envoyées et réessayez.
problem-conflict = La fiche a été modifiée depuis que vous l'avez consultée
problem-conflict-help = Rien n'a été modifié. Consultez de nouveau la fiche, puis appliquez votre modification à la version actuelle.
problem-bad-request = La demande n'a pas pu être comprise
problem-bad-request-help = Revenez en arrière et réessayez.
problem-method = Cette action n'est pas possible à cette adresse
problem-method-help = Revenez en arrière et réessayez.
problem-language-unknown = Cette langue n'est pas offerte
problem-language-unknown-help = irritrack est offert en anglais et en français.
problem-form-type = Le formulaire n'a pas été envoyé comme formulaire
problem-form-type-help = Envoyez le formulaire à partir de la page, ou au format application/x-www-form-urlencoded.
problem-form-unreadable = Le formulaire n'a pas pu être lu
problem-form-unreadable-help = Revenez en arrière et envoyez de nouveau le formulaire.
problem-not-utf8 = Le formulaire contient des caractères illisibles
problem-not-utf8-help = Rien n'a été enregistré. Le texte envoyé n'était pas en UTF-8; copiez de nouveau le texte à partir de sa source, ou retapez les caractères qui n'ont pas été transmis correctement.
problem-version-missing = Le formulaire n'indique pas quelle version il modifie
problem-version-missing-help = Rien n'a été enregistré. Ouvrez de nouveau la page de modification et apportez-y votre changement.
problem-query = L'adresse contient des valeurs illisibles
problem-query-help = Vérifiez l'adresse, ou recommencez à partir de la liste.
problem-json = Le corps JSON n'a pas pu être lu.
problem-json-help = Envoyez un objet JSON conforme à la description de /api/v1/openapi.json.
problem-json-type = Envoyez le JSON avec l'en-tête Content-Type: application/json.
problem-json-type-help = Envoyez le JSON avec l'en-tête Content-Type: application/json.
problem-too-large = L'envoi est trop volumineux
problem-too-large-help = Rien n'a été enregistré. Raccourcissez le texte (les résumés très longs ont leur place dans un document joint) et réessayez.
problem-unexpected = Un problème est survenu de notre côté
problem-unexpected-help = Rien de ce que vous avez envoyé n'a été volontairement perdu, mais vérifiez si votre modification a été enregistrée avant de réessayer. L'erreur a été consignée.

## Comptes, connexion et sécurité

nav-departments = Ministères
nav-users = Comptes
nav-security-log = Journal de sécurité
nav-tokens = Jetons d'API
nav-password = Mot de passe
nav-sign-out = Se déconnecter

role-viewer = Lecteur
role-officer = Agent
role-manager = Gestionnaire
role-admin = Administrateur

field-email = Adresse courriel
field-password = Mot de passe
field-current-password = Mot de passe actuel
field-new-password = Nouveau mot de passe
field-confirm-password = Confirmer le nouveau mot de passe
field-name = Nom
field-department-code = Ministère
field-role = Rôle
field-active = Actif
field-code = Code
field-name-en = Nom en anglais
field-name-fr = Nom en français

sign-in-title = Connexion
sign-in-expired = Votre session a pris fin. Connectez-vous de nouveau pour continuer.
sign-in-signed-out = Votre session est fermée.
sign-in-failed = L'adresse courriel ou le mot de passe est incorrect
sign-in-failed-help = Vérifiez les deux et réessayez. Après plusieurs tentatives infructueuses, la connexion est ralentie, puis suspendue pendant quelques minutes.
sign-in-too-many = Trop de tentatives infructueuses
sign-in-too-many-help = La connexion à ce compte, ou à partir de cette adresse, est suspendue pendant quelques minutes. Patientez, puis réessayez. Si vous avez perdu votre mot de passe, un administrateur peut le réinitialiser.
action-sign-in = Se connecter

password-title = Changer votre mot de passe
password-rule = De { $min } à { $max } caractères. Quelques mots sans lien entre eux forment un mot de passe robuste et facile à retenir; les mots de passe courants sont refusés.
action-change-password = Changer le mot de passe
notice-password-changed = Votre mot de passe est changé. Vos autres sessions ont pris fin.

tokens-title = Jetons d'API
tokens-intro = Les scripts utilisent un jeton pour appeler l'API (/api/v1) en votre nom, avec votre rôle. Envoyez-le dans l'en-tête Authorization: Bearer JETON. Révoquez un jeton dès qu'il n'est plus nécessaire.
tokens-none = Vous n'avez aucun jeton d'API.
token-name = Nom
token-created-at = Créé le
token-last-used = Dernière utilisation
token-state = État
token-never-used = Jamais utilisé
token-revoked = Révoqué
token-created = Votre nouveau jeton (copiez-le maintenant : il ne sera plus affiché) :
token-created-help = Protégez-le comme un mot de passe. irritrack n'en conserve qu'une empreinte.
token-new-title = Créer un jeton
token-name-hint = L'usage du jeton, p. ex. « exportation pour le breffage hebdomadaire ».
action-create-token = Créer le jeton
action-revoke = Révoquer
action-revoke-named = Révoquer le jeton { $name }
notice-token-revoked = Le jeton est révoqué : il ne fonctionne plus.

accounts-title = Comptes
account-state = État
account-active = Actif
account-disabled = Désactivé
account-no-password = Connexion impossible (aucun mot de passe)
account-new-title = Créer un compte
account-new-help = Le nouveau compte reçoit un mot de passe à usage unique, affiché ici une seule fois. Remettez-le à son titulaire, qui choisira son propre mot de passe à sa première connexion.
action-create-account = Créer le compte
otp-created = Mot de passe à usage unique pour { $email } :
otp-created-help = Transmettez-le de façon sécurisée. Il ne sera plus affiché; son titulaire doit le remplacer à sa première connexion.
hint-active = Un compte désactivé ne peut pas se connecter; ses sessions prennent fin et ses jetons d'API cessent aussitôt de fonctionner.
account-reset-title = Réinitialiser le mot de passe
account-reset-help = Attribue au compte un nouveau mot de passe à usage unique et met fin à toutes ses sessions.
action-reset-password = Réinitialiser le mot de passe
notice-account-saved = Le compte est enregistré.

security-log-title = Journal de sécurité
security-log-intro = Connexions, échecs, refus et modifications des comptes et des jetons, du plus récent au plus ancien. Les mots de passe et les jetons ne sont jamais consignés.
security-when = Date et heure
security-what = Événement
security-who = Par
security-subject = Compte ou adresse
security-from = Provenance
security-detail = Détails
detail-no-account = Aucun compte n'a cette adresse courriel
detail-wrong-password = Mot de passe erroné
detail-account-disabled = Compte désactivé
detail-password-expired = Mot de passe à usage unique expiré
detail-wrong-current-password = Mot de passe actuel erroné lors de son changement
detail-retry-after = Nouvel essai permis après { $seconds } s
detail-role = Rôle : { $role }
detail-role-changed = { $before_role } → { $after_role }
detail-exported = { $rows } lignes; filtres : { $filters }
detail-exported-unfiltered = { $rows } lignes
detail-export-stopped = Interrompue après { $rows } lignes; filtres : { $filters }
detail-report-issued = Du { $from } au { $to }, { $rows } irritants; portée : { $scope }
detail-report-deleted = Du { $from } au { $to }, émis par { $by } le { $when }
detail-command-line = Depuis la ligne de commande : { $text }
detail-command-line-plain = Depuis la ligne de commande
detail-command-line-role = Depuis la ligne de commande; rôle : { $role }
detail-command-line-role-changed = Depuis la ligne de commande : { $before_role } → { $after_role }
detail-command-line-first-administrator = Depuis la ligne de commande : le premier administrateur
detail-command-line-exported = Depuis la ligne de commande : { $rows } lignes; filtres : { $filters }
security-event-sign_in = Connexion
security-event-sign_in_failed = Échec de la connexion
security-event-sign_in_throttled = Connexion refusée (trop d'échecs)
security-event-sign_out = Déconnexion
security-event-access_refused = Accès refusé
security-event-account_created = Compte créé
security-event-role_changed = Rôle modifié
security-event-account_disabled = Compte désactivé
security-event-account_enabled = Compte activé
security-event-password_changed = Mot de passe changé
security-event-password_reset = Mot de passe réinitialisé
security-event-token_created = Jeton d'API créé
security-event-token_revoked = Jeton d'API révoqué

departments-title = Ministères
departments-intro = Les ministères auxquels appartiennent les irritants et les personnes. Le code d'un ministère ne peut pas changer, puisque les irritants y renvoient; ses noms, eux, peuvent changer.
department-new-title = Ajouter un ministère
hint-department-code = De 2 à 12 lettres ou chiffres, p. ex. CBSA.
action-add-department = Ajouter le ministère
action-rename = Enregistrer les noms de { $code }
notice-department-saved = Le ministère est enregistré.

problem-unauthorized = Connexion requise
problem-unauthorized-help = Connectez-vous, ou envoyez un jeton d'API dans l'en-tête Authorization.
problem-forbidden = Vous n'avez pas l'autorisation d'effectuer cette action
problem-forbidden-help = Votre rôle ne le permet pas. Si votre travail l'exige, demandez à un administrateur de modifier votre rôle. Ce refus a été consigné.
problem-csrf = Ce formulaire a expiré
problem-csrf-help = Rien n'a été enregistré. Revenez en arrière, actualisez la page et soumettez de nouveau le formulaire.
problem-cross-site = Cette demande provient d'un autre site
problem-cross-site-help = Aucune action n'a été effectuée. Les modifications ne peuvent être faites qu'à partir des pages d'irritrack.
problem-too-many = Trop de tentatives
problem-too-many-help = Patientez quelques minutes, puis réessayez.
problem-busy = D'autres exportations sont en cours
problem-busy-help = Seules quelques exportations sont produites à la fois, pour que les pages restent rapides. Réessayez dans une minute.

error-password-too-short = Utilisez au moins { $min } caractères.
error-password-too-long = Utilisez au plus { $max } caractères.
error-password-too-common = Ce mot de passe est trop courant ou trop facile à deviner. Essayez quelques mots sans lien entre eux.
error-password-mismatch = Les deux nouveaux mots de passe ne sont pas identiques.
error-password-wrong = Ce n'est pas votre mot de passe actuel.
error-owner-needs-manager = Seul un gestionnaire peut désigner une autre personne comme responsable. Vous pouvez laisser le responsable tel quel, ou prendre vous-même l'irritant en charge.
error-email-taken = Un compte existe déjà avec cette adresse courriel.
error-last-admin = irritrack doit compter au moins un administrateur actif : attribuez d'abord le rôle d'administrateur à un autre compte.
error-department-taken = Un ministère existe déjà avec ce code.
error-department-code = Utilisez de 2 à 12 lettres ou chiffres, p. ex. CBSA.
account-department-none = Aucun ministère
security-event-department_added = Ministère ajouté
security-event-department_renamed = Ministère renommé
security-event-source_removed = Document source retiré
security-event-exported = Données exportées
security-event-report_issued = Rapport émis
security-event-report_deleted = Rapport émis supprimé
security-event-calendar_feed_created = Adresse de calendrier créée
security-event-calendar_feed_revoked = Adresse de calendrier révoquée
problem-password-change = Choisissez d'abord un nouveau mot de passe
problem-password-change-help = Ce compte a un mot de passe à usage unique. Connectez-vous sur le Web et choisissez votre propre mot de passe; d'ici là, ses jetons d'API ne peuvent pas être utilisés.
person-inactive = compte inactif
error-person-inactive = Le compte de cette personne est désactivé : choisissez une personne dont le compte est actif.
error-password-same = Choisissez un mot de passe différent de votre mot de passe actuel.

## Sources

error-source-duplicate = Ce texte a déjà été importé : il figure déjà parmi les sources.
source-kind-leaders_readout = Compte rendu des dirigeants
source-kind-joint_statement = Déclaration commune
source-kind-ministerial_meeting = Réunion ministérielle
source-kind-mandate_letter = Lettre de mandat
source-kind-notice = Avis
source-kind-other = Autre
nav-sources = Sources
sources-title = Sources
sources-intro = Les comptes rendus, déclarations communes et autres documents dans lesquels les dirigeants et les ministres fixent le travail à faire, numérotés énoncé par énoncé dans chacune des langues de publication.
sources-none = Aucun document source pour l'instant. Importez-en un ici, ou à la ligne de commande avec : irritrack import-source FICHIER
source-title = Titre
source-kind = Type
source-date = Date
source-place = Lieu
source-languages = Langues
source-versions = Versions linguistiques
source-statements = Énoncés
statement-directive = Directive
language-en = anglais
language-fr = français
language-zh-Hant = chinois (traditionnel)
language-zh-Hans = chinois (simplifié)
history-statement-linked = Mandat issu de { $summary }
history-statement-unlinked = N'est plus lié à { $summary }
error-statement-already-linked = Cet énoncé est déjà lié à cet irritant.
error-quote-not-in-statement = Citez les mots mêmes de l'énoncé, exactement tels qu'ils y figurent, ou laissez ce champ vide.
notice-statement-linked = L'énoncé est lié à l'irritant.
notice-irritants-unlinked = Le lien est supprimé; l'historique des deux irritants en garde une trace.
link-remove = Supprimer le lien
link-remove-named = Supprimer le lien avec { $reference }
notice-statement-unlinked = Le lien est supprimé; l'historique de l'irritant en garde une trace.
statement-mandates = Mandat issu de l'énoncé { $number }
statement-unlink = Dissocier
statement-unlink-named = Dissocier { $reference } de cet énoncé
statement-link = Lier cet énoncé à un irritant
action-link-statement = Lier
hint-link-reference = Sa référence, p. ex. IRR-2025-0007, ou des mots de son titre, pour choisir parmi les irritants correspondants.
hint-link-quote = Facultatif : les mots de l'énoncé qui en confient le mandat, copiés exactement.
field-quote = Passage cité
error-no-such-irritant = Aucun irritant ne porte la référence { $value }.
mandates-title = Source du mandat
nav-search = Recherche
search-title = Recherche
search-hint = Des mots dans n'importe quelle langue : anglais, français ou chinois (p. ex. 关税 ou 油菜籽). La recherche trouve les irritants et les énoncés qui contiennent tous les mots.
action-search = Rechercher
search-irritants = Irritants
search-statements = Énoncés des documents sources
search-no-statements = Aucun énoncé ne contient ces mots.
import-title = Importer un document source
import-intro = Collez le texte d'un compte rendu ou d'une déclaration tel qu'il a été publié, dans chacune des langues de publication, l'une après l'autre. irritrack repère le titre, la date et le lieu de chaque version, numérote les paragraphes, et laisse de côté les adresses, les liens, les personnes-ressources et les pieds de page, que l'aperçu énumère pour que vous puissiez garder ceux que vous voulez. Vérifiez l'aperçu, corrigez ce qui a été mal interprété (titre, date, langue de chaque version, découpage en paragraphes), puis enregistrez.
hint-import-text = Copié à partir de la page publiée : le titre, la date et le lieu de chaque version, puis ses paragraphes, séparés par des lignes vides.
field-text = Texte
field-kind = Type
field-issued-on = Date
field-place = Lieu
field-participants = Participants
field-url = Adresse de publication
hint-source-url = L'adresse de la page publiée, commençant par https://
error-invalid-url = Indiquez l'adresse d'une page Web, commençant par https:// ou http://.
field-confirm-remove = Retirer définitivement ce document et ses énoncés
action-edit-source = Corriger le titre, le type, la date, le lieu, les participants ou l'adresse
source-edit-title = Corriger un document source
source-remove-title = Retirer un document importé par erreur
source-remove-help = La personne qui a importé un document, ou un gestionnaire, peut le retirer. Un document dont des énoncés sont la source du mandat d'irritants ne peut pas être retiré : dissociez d'abord ses énoncés, afin que l'historique de chaque irritant en garde une trace. Son texte ne peut pas être modifié : retirez le document et importez-le de nouveau.
action-remove-source = Retirer ce document
notice-source-edited = Les renseignements sur le document sont enregistrés.
notice-source-removed = Le document est retiré.
error-confirm-remove = Cochez cette case pour confirmer que le document doit être retiré.
error-source-in-use = Certains de ses énoncés sont la source du mandat d'irritants : dissociez-les d'abord.
error-source-not-yours = Seule la personne qui a importé un document, ou un gestionnaire, peut le retirer.
action-preview = Afficher l'aperçu
action-preview-again = Actualiser l'aperçu
action-save-source = Enregistrer cette source
import-found = Éléments repérés
import-corrections = Corrections
import-statement-count = Énoncés : { $count }. Versions linguistiques : { $versions }.
import-not-aligned = Les versions linguistiques n'ont pas le même nombre de paragraphes : l'énoncé N contient le paragraphe N de chacune d'elles, et ces paragraphes ne disent peut-être pas la même chose. Vérifiez le texte, ou importez chaque version séparément.
notice-source-imported = La source est importée.
error-import-not-text = Une grande partie de ce contenu n'est pas du texte : copiez de nouveau le texte à partir de la page publiée.
error-import-no-body = Aucun paragraphe de texte n'a été trouvé, seulement un titre ou des liens.
action-import-source = Importer un document source
action-flag-directive = Marquer comme directive
action-flag-directive-named = Marquer comme directive : énoncé { $number }
action-unflag-directive = Pas une directive
action-unflag-directive-named = Pas une directive : énoncé { $number }
mandate-quoted = Les mots qui en confient le mandat :
field-language-1 = Langue de la première version
field-language-2 = Langue de la deuxième version
field-language-3 = Langue de la troisième version
field-language-4 = Langue de la quatrième version
import-language-as-found = Telle que repérée dans le texte
hint-version-language = « { $title } » : version reconnue comme étant en { $language }. Choisissez une autre langue si c'est une erreur.
error-too-many-languages = Indiquez au plus { $max } langues, une pour chaque version.
error-import-text-changed = Le texte a changé depuis l'aperçu : vérifiez les éléments qui y sont maintenant repérés, puis enregistrez.
error-import-too-many-versions = Ce texte contient plus de versions linguistiques qu'il n'y a de langues : le même texte y figure-t-il plusieurs fois?
error-import-language-taken = Une autre version est déjà dans cette langue : choisissez-en une autre.
field-accept-unaligned = Enregistrer même si les versions ne concordent pas
hint-accept-unaligned = L'énoncé N contiendra le paragraphe N de chaque version, et ces paragraphes ne disent peut-être pas la même chose. Si possible, corrigez plutôt le découpage dans le texte.
error-import-unaligned = Les versions n'ont pas le même nombre de paragraphes. Corrigez le découpage dans le texte, ou cochez cette case pour les enregistrer telles quelles.
import-split-help = Les énoncés sont séparés aux lignes vides. Pour réunir deux paragraphes, ou en diviser un, modifiez le texte ci-dessus et affichez de nouveau l'aperçu.
import-left-out = Laissé hors des énoncés
import-left-out-help = Ces blocs ne se lisent pas comme des énoncés : adresses, liens, personnes-ressources, pieds de page des fils de presse et des blogues, titres de section. Cochez ceux qui font partie du texte pour les garder comme énoncés, à leur place ; l'aperçu les montre parmi les énoncés une fois affiché de nouveau.
import-keep-block = Garder comme énoncé
left-out-address = Adresse
left-out-links = Liens
left-out-contacts = Personnes-ressources
left-out-footer = Pied de page d'un fil de presse ou d'un blogue
left-out-heading = Titre de section
error-import-date-without-year = Le texte donne un jour sans son année : indiquez la date de publication du document.
error-import-repeated-language = Deux des versions semblent être dans la même langue : choisissez ci-dessous la bonne langue pour chacune, ou importez chaque version séparément.
error-import-repeated-reference = La référence { $value } figure déjà sur une autre ligne.
error-import-reference-taken = Des irritants du registre portent déjà ces références : { $value }.
hint-import-title = Tel que repéré dans le texte; corrigez-le au besoin. Si ce champ est laissé vide, le titre repéré est utilisé.
hint-import-date = Année-mois-jour, p. ex. 2025-10-31. Si ce champ est laissé vide, la date repérée est utilisée.
irritant-link = Lier un autre irritant
action-link-irritant = Lier
field-linked = Autre irritant
notice-irritants-linked = Les irritants sont liés; les pages des deux irritants l'indiquent.
error-link-to-itself = Un irritant ne peut pas être lié à lui-même.
error-irritants-already-linked = Ces deux irritants sont déjà liés.

dashboard-title = Tableau de bord
dashboard-scope = Irritants visés par le tableau de bord
dashboard-figures = Le portefeuille en un coup d'œil
dashboard-rules = L'exercice va du { $from } au { $to }. Un irritant est considéré comme sans activité récente après { $stale } jours sans mise à jour de l'avancement ni changement de statut; « à échéance proche » désigne un irritant dont la date cible tombe dans les { $soon } prochains jours.
figure-open = ouverts
figure-resolved-in-part = réglés en partie
figure-resolved-this-fiscal-year = réglés au cours de l'exercice
figure-overdue = dont la date cible est dépassée
figure-milestones-overdue = avec un jalon en retard
figure-stale = sans activité récente (ni mise à jour ni changement de statut récemment)
figure-at-risk = à risque
figure-off-track = hors trajectoire
figure-due-soon = à échéance proche
dashboard-directives = Où en est chaque directive des dirigeants
dashboard-directives-none = Aucune directive n'est encore liée à un irritant dans cette partie du portefeuille.
directive-progress = { $irritants } irritants, { $resolved } réglés, { $at_risk } à risque, { $off_track } hors trajectoire
dashboard-attention = Requiert une attention
dashboard-attention-none = Rien ne requiert d’attention : aucun irritant n’est hors trajectoire ou en retard, et chaque irritant de priorité Dirigeants ou Élevée a un responsable et des progrès récents.
dashboard-see-all = Tout voir ({ $total })
dashboard-recent = Modifiés au cours des 7 derniers jours
dashboard-recent-none = Rien n'a été modifié au cours des 7 derniers jours.
dashboard-mine = Mes irritants
dashboard-mine-none = Vous n'êtes responsable d'aucun irritant ouvert dans cette partie du portefeuille.
dashboard-my-milestones = Mes jalons
dashboard-my-milestones-none = Vous n'êtes responsable d'aucun jalon à réaliser dans cette partie du portefeuille.
milestone-due = Échéance
milestone-irritant = Irritant
dashboard-charts = Le portefeuille en graphiques
chart-total = Total
chart-irritants = Irritants
chart-status-title = Tous les irritants selon le statut et la confiance quant à l'exécution (feu tricolore)
chart-status-desc = Irritants selon le statut :
chart-active-desc = Irritants ouverts ou réglés en partie :
chart-sector-title = Irritants ouverts selon le secteur
chart-department-title = Irritants ouverts selon le ministère responsable
chart-holder-title = Irritants ouverts selon la partie qui doit agir ensuite
chart-age-title = Irritants ouverts selon le temps écoulé depuis leur ouverture
chart-age-band = Ouverts depuis
age-band-under-90-days = Moins de 90 jours
age-band-90-to-179-days = De 90 à 179 jours
age-band-180-to-364-days = De 180 à 364 jours
age-band-1-to-2-years = De 1 à 2 ans
age-band-2-years-or-more = 2 ans ou plus
chart-weekly-title = Irritants ouverts semaine par semaine, au cours de la dernière année
chart-weekly-desc = Depuis la semaine du { $from } : { $start } irritants ouverts à la fin de la première semaine, { $end } à la fin de la semaine en cours; au total, { $opened } ouverts ou rouverts, { $resolved } réglés et { $set_aside } mis en veilleuse ou fermés.
chart-weekly-numbers = Les chiffres, semaine par semaine
chart-week-of = Semaine du
chart-open-at-end = Ouverts en fin de semaine
chart-opened = Ouverts ou rouverts
chart-resolved = Réglés
chart-set-aside = En veilleuse ou fermés

## Exportations
export-sheet-irritants = Irritants
export-heading = Exporter cette liste
export-as-csv = CSV
export-as-xlsx = Excel (XLSX)
export-as-json = JSON

## Rapports d'étape
yes = Oui
no = Non
nav-reports = Rapports
reports-title = Rapports
reports-intro = Un rapport d'étape présente ce qu'il est advenu des irritants visés au cours d'une période : les chiffres au début et à la fin de celle-ci, puis chaque irritant, du plus urgent au moins urgent, avec les mises à jour rédigées pendant la période.
reports-make = Produire le rapport
reports-issued-heading = Rapports émis
reports-issued-none = Aucun rapport n'a encore été émis.
reports-issued-caption = Rapports émis, du plus récent au plus ancien
report-title = Rapport d'étape, du { $from } au { $to }
report-running-header = Rapport d'étape du { $from } au { $to } · produit le { $generated }
report-from = Du
report-to = Au
report-group = Groupe
report-group-by = Grouper par
report-group-directive = Directive des dirigeants
report-group-sector = Secteur
report-format = Format
report-format-html = Page Web (imprimable en format lettre et A4)
report-format-csv = CSV
report-format-xlsx = Excel (XLSX)
report-format-json = JSON
report-scope = Portée
report-period = Période
report-scope-all = L'ensemble du portefeuille
report-scope-priority = Priorité : { $priority }
hint-report-period = Ou choisissez les dates ci-dessous.
report-period-dates = Les dates ci-dessous
report-period-last_7_days = Les 7 derniers jours
report-period-last_30_days = Les 30 derniers jours
report-period-last_month = Le mois dernier
report-period-fiscal_quarter = Ce trimestre de l’exercice, à ce jour
report-period-fiscal_year = Cet exercice, à ce jour
report-generated-at = Produit le
report-summary = Résumé
report-status-heading = Statut
report-at-start = Au début
report-at-end = À la fin
report-summary-caption = Irritants selon le statut au début et à la fin de la période
report-opened = Ouverts au cours de la période
report-resolved = Réglés au cours de la période
report-reopened = Rouverts au cours de la période
report-overdue-at-end = En retard à la fin
report-no-directive = Ne répondant à aucune directive des dirigeants
report-directive = { $title }, paragraphe { $number }
report-update-line = { $date }, { $rag } ({ $author }) : { $done } Prochaines étapes : { $next }
report-slipped-from = Date cible avant
report-slipped-to = Date cible après
report-slipped = Date cible reportée du { $from } au { $to }
report-overdue = En retard
report-updates = Avancement au cours de la période
report-developments = Ce qui s’est passé au cours de la période
report-glance = En un coup d’œil
report-glance-irritant = Irritant
report-glance-development = Fait marquant de la période
report-glance-more = { $count ->
    [one] Un autre irritant suit dans le rapport complet.
   *[other] { $count } autres irritants suivent dans le rapport complet.
}
report-glance-no-earlier = Aucun rapport n’a encore été émis pour cette portée : la tendance du RAG paraîtra dès le prochain.
report-trend-new = nouveau
report-trend-better = en mieux
report-trend-same = inchangé
report-trend-worse = en pire
report-nothing-recorded = Rien n’a été consigné au cours de la période.
report-development-opened = Consigné au registre
report-marking = Marque de sécurité
report-no-updates = Aucune mise à jour de l’avancement au cours de la période.
report-development-with-detail = { $sentence } : { $detail }
report-development-status = Statut changé : { $before } → { $after }
report-development-rag = Indice de confiance (RAG) : { $before } → { $after }
report-development-target_date = Date cible déplacée : { $before } → { $after }
report-development-rag-first = Premier indice de confiance (RAG) : { $after }
report-development-target_date-first = Date cible fixée : { $after }
report-development-target_date-removed = Date cible retirée (c’était le { $before })
report-development-milestone_added = Jalon « { $detail } » ajouté, prévu le { $after }
report-development-milestone_done = Jalon « { $detail } » réalisé
report-development-milestone_slipped = Jalon reporté ({ $before } → { $after }) : { $detail }
report-development-milestone_cancelled = Jalon « { $detail } » annulé
report-development-statement_linked = Lié à { $detail }
report-directives = Directives des dirigeants
report-empty = Rien ne s'est produit pour les irritants visés au cours de cette période : aucun irritant n'était en cours de traitement, n'a été ouvert, modifié ou mis à jour.
report-download = Télécharger
report-issue = Figer ce rapport
report-issue-hint = Figer le rapport l'enregistre tel qu'il se présente maintenant, avec ses chiffres et ses lignes, dans la liste des rapports émis. Il ne peut plus être modifié par la suite.
report-issue-confirm-title = Figer ce rapport ?
report-issue-confirm = Le figer
report-issue-back = Revenir au rapport
report-issued-already = Ce rapport a déjà été émis, avec le même contenu, le { $when } par { $by }.
report-issued-already-open = Ouvrir le rapport émis
report-issued-by = Émis par { $name } le { $when }
report-compare-heading = Comparé au rapport émis le { $when }
report-compare-none = Aucun rapport n'a été émis avant celui-ci pour la même portée.
report-compare-new = Nouveaux
report-compare-changed-status = Changement de statut
report-compare-slipped = Date cible reportée
report-compare-resolved = Réglés
report-compare-nothing = Rien.
report-compare-changed-rag = Indice de confiance (RAG) modifié
report-compare-changed-owner = Responsable changé
report-compare-new-directives = Liés à une directive
report-compare-choose = Comparer
report-delete = Supprimer ce rapport émis
report-delete-confirm = Je comprends que le rapport émis sera supprimé définitivement et que la suppression sera consignée.
report-deleted = Le rapport émis a été supprimé.
report-rows = { $count } irritants
report-rows-one = { $count } irritant
reports-issued-at = Émis le
error-confirm-delete = Cochez la case pour confirmer.
field-period = Période
field-from = Du
field-to = Au
field-group = Grouper par
field-compare = Comparer avec
field-format = Format
field-confirm-delete = Je comprends que le rapport émis sera supprimé définitivement et que la suppression sera consignée.
report-since = depuis le
report-rows-heading = Irritants
report-compare-heading-plain = Depuis le rapport émis précédent

## Calendrier
nav-calendar = Calendrier
calendar-title = Vos échéances dans votre calendrier
calendar-intro = Abonnez-vous à cette adresse secrète dans votre logiciel de calendrier (Outlook, Google Agenda, Calendrier d'Apple) : les dates cibles des irritants dont vous êtes responsable et les jalons qui vous incombent ou qui portent sur vos irritants y apparaissent comme des événements d'une journée entière, et se déplacent lorsque les dates changent. Toute personne qui a l'adresse peut lire ces échéances : gardez-la pour vous, et remplacez-la ou révoquez-la si elle est divulguée.
calendar-new-address = Votre nouvelle adresse de calendrier, affichée cette seule fois (l'adresse précédente, s'il y a lieu, ne fonctionne plus) :
calendar-has-address = Vous avez une adresse de calendrier, créée le { $when }.
calendar-no-address = Vous n'avez aucune adresse de calendrier.
calendar-create = Créer mon adresse de calendrier
calendar-replace = Remplacer mon adresse de calendrier
calendar-revoke = Révoquer mon adresse de calendrier
calendar-revoked = Votre adresse de calendrier est révoquée; elle n'affiche plus rien.
calendar-name = Échéances irritrack
calendar-target = { $reference } — date cible

# Notifications
nav-notifications = Notifications
nav-notifications-unread = ({ $count } non lues)
nav-notification-preferences = Réglages des notifications
nav-mail-queue = File des courriels
notification-kind-assigned = Assigné à moi
notification-kind-status_changed = Changement de statut
notification-kind-rag_dropped = Baisse de la confiance de réalisation
notification-kind-target_moved_later = Date cible reportée
notification-kind-directive_linked = Lié à une directive des dirigeants
notification-kind-milestone_due = Jalon à échéance dans 7 jours
notification-kind-milestone_overdue = Jalon en retard
notification-kind-target_passed = Date cible dépassée
notification-kind-stale_reminder = Rappel d'irritant inactif
notification-kind-escalation = Signalement d'un irritant inactif
notification-kind-mentioned = Mention de mon nom
notification-kind-report_issued = Rapport publié pour ce que je suis
delivery-immediate = Courriel immédiat
delivery-digest = Dans le résumé quotidien
delivery-in_app = Dans irritrack seulement
delivery-off = Désactivée
notify-assigned = { $actor } vous a confié { $reference } « { $title } ».
notify-milestone-assigned = { $actor } vous a confié le jalon « { $milestone } » de { $reference }, à échéance le { $due }.
notify-status-changed = { $reference } « { $title } » est passé de { $from } à { $to } ({ $actor }).
notify-rag-dropped = { $reference } « { $title } » : la confiance de réalisation est passée de { $from } à { $to } ({ $actor }).
notify-target-moved = { $reference } « { $title } » : la date cible est passée du { $from } au { $to } ({ $actor }).
notify-directive-linked = { $reference } « { $title } » est maintenant lié à une directive de « { $source } » ({ $actor }).
notify-milestone-due = Le jalon « { $milestone } » de { $reference } arrive à échéance le { $due }.
notify-milestone-overdue = Le jalon « { $milestone } » de { $reference } était à échéance le { $due } et n'est pas terminé.
notify-target-passed = { $reference } « { $title } » a dépassé sa date cible, le { $target }.
notify-stale = { $reference } « { $title } » n'a eu ni mise à jour ni changement de statut depuis le { $since }. Ajoutez une mise à jour après votre prochain contact.
notify-escalation = { $reference } « { $title } » (responsable : { $owner }) est sans activité depuis le { $since }, soit { $days } jours.
notify-mentioned = { $actor } vous a mentionné sur { $reference } « { $title } » : { $excerpt }
notify-report-issued = { $actor } a publié un rapport d'étape pour { $scope }, du { $from } au { $to }.
notice-watching = Vous suivez cet irritant : vous serez avisé de ses changements.
notice-unwatched = Vous ne suivez plus cet irritant.
notice-commented = Commentaire ajouté.
notice-comment-deleted = Commentaire supprimé.
notice-notifications-read = Marqué comme lu.
notice-mail-retried = Le message est de retour dans la file et sera envoyé sous peu.
notifications-title = Notifications
notifications-unread = Non lues : { $count }
notifications-mark-all = Tout marquer comme lu
notifications-mark-one = Marquer comme lu
notifications-none = Rien pour l'instant. Vous êtes avisé ici quand un irritant vous est confié, quand ce dont vous êtes responsable ou que vous suivez change, et quand quelqu'un vous mentionne.
notifications-new = Nouveau
notifications-newer = Plus récentes
notifications-older = Plus anciennes
notifications-preferences-link = Choisir ce qui vous parvient, et comment
preferences-title = Réglages des notifications
preferences-no-mail = Le courriel n'est pas configuré sur ce serveur : vous êtes avisé dans irritrack seulement.
preferences-deliveries = Comment chaque type de notification vous parvient
preferences-deliveries-hint = Chaque notification paraît aussi sous Notifications, sauf celles qui sont désactivées.
preferences-digest-hint = L'heure d'envoi de votre résumé quotidien, selon le fuseau horaire du serveur (HH:MM).
preferences-language-hint = La langue de vos courriels. Choisir une langue avec le bouton de langue la change aussi.
preferences-follow-departments = Suivre tous les irritants de ces ministères responsables
preferences-follow-hint = Vous êtes avisé de leurs changements comme si vous les suiviez, et des rapports publiés à leur sujet.
preferences-follow-counterparts-hint = Codes à deux lettres, séparés par des virgules, comme CN, US.
preferences-save = Enregistrer les réglages
field-digest-time = Heure du résumé quotidien
field-language = Langue
field-counterparts = Suivre tous les irritants avec ces partenaires commerciaux
field-departments = Ministères responsables
field-deliveries = Notifications
field-body = Commentaire
watchers-title = Abonnés
watchers-none = Personne ne suit encore cet irritant.
watch-start = Suivre cet irritant
watch-stop = Ne plus suivre
comments-title = Discussion
comments-none = Aucun commentaire pour l'instant.
comments-hint = Mentionnez quelqu'un avec @ et son adresse courriel, @[Son Nom], ou son prénom (@Olu) : la personne est avisée.
comments-add = Ajouter le commentaire
comment-deleted = Commentaire supprimé
comment-delete = Supprimer le commentaire
mail-queue-title = File des courriels
mail-failures-title = Tentatives échouées
mail-failures-none = Aucune tentative échouée.
mail-queue-recipient = Destinataire
mail-queue-state = État
mail-queue-attempts = Tentatives
mail-queue-created = En file depuis
mail-queue-error = Dernière erreur
mail-queue-actions = Actions
mail-retry = Renvoyer maintenant
mail-state-pending = En attente
mail-state-sent = Envoyé
mail-state-failed = Échec
mail-digest-subject = irritrack : votre résumé quotidien ({ $count } notifications)
mail-greeting = Bonjour { $name },
mail-preferences = Choisir ce qui vous parvient
mail-unsubscribe = Ne plus recevoir ces courriels
unsubscribe-title = Arrêter les courriels
unsubscribe-explain = Arrêter les courriels au sujet de : { $kind }. Vous verrez toujours ces notifications dans irritrack.
unsubscribe-confirm = Ne plus recevoir ces courriels
unsubscribe-all = toutes les notifications
unsubscribe-done = C'est fait : plus de courriels au sujet de : { $kind }. Vous pouvez changer ce choix dans vos réglages des notifications.
unsubscribe-preferences = Réglages des notifications
security-event-mail_retried = Courriel renvoyé
security-event-unsubscribed = Courriels arrêtés par un lien
security-event-comment_deleted = Commentaire supprimé
detail-comment-deleted = Un commentaire de { $author } sur { $reference }, écrit le { $written }
security-event-view_deleted = Vue supprimée
detail-view-deleted = La vue « { $name } » de { $owner }
detail-unsubscribed = Type : { $kind }
error-mention-unknown = Personne ne peut être mentionné comme { $name } : écrivez son adresse courriel, ou son nom entre crochets, comme @[Olu Officer].
error-mention-ambiguous = { $name } pourrait désigner plus d'une personne ({ $people }) : écrivez plutôt son adresse courriel.
error-not-a-time = Entrez une heure au format HH:MM, comme 07:00.

## Modifications groupées
bulk-label = Modifier les irritants choisis
bulk-choose-column = Choisir
bulk-choose-one = Choisir { $reference }
bulk-all-matching = Les { $total } irritants correspondant à ces filtres
bulk-continue = Modifier les irritants choisis…
bulk-action-owner = Attribuer un responsable
bulk-action-lead_department = Fixer le ministère responsable
bulk-action-priority = Fixer la priorité
bulk-action-watch = Suivre
bulk-action-status = Changer le statut
bulk-values-title = { $action } : { $count } irritants
bulk-chosen = { $count } irritants choisis
bulk-review = Vérifier les modifications
bulk-review-title = Vérifier les modifications
bulk-review-count = { $changing } irritants sur { $count } seront modifiés. Rien ne change avant l’application.
bulk-now = Actuellement
bulk-will = Après la modification
bulk-will-change = Sera modifié
bulk-already = Déjà ainsi
bulk-will-refuse = Sera refusé :
bulk-apply = Appliquer à { $changing } irritants
bulk-result-title = Modification groupée
bulk-tally = { $changed } modifiés, { $unchanged } déjà ainsi, { $refused } refusés.
bulk-outcome = Résultat
bulk-changed = Modifié
bulk-refused = Refusé :
bulk-conflict = Refusé : quelqu’un l’a modifié après la vérification. Ouvrez-le et réessayez.
bulk-missing = Refusé : cet irritant n’existe pas.
bulk-back-to-list = Retour aux irritants
error-bulk-none-chosen = Choisissez au moins un irritant : cochez-le dans la liste, ou choisissez tous ceux qui correspondent aux filtres.
error-bulk-too-many = Une modification groupée touche au plus { $max } irritants. Précisez les filtres.
error-bulk-item-unreadable = « { $value } » ne désigne pas un irritant à une version.
notify-bulk-owner = { $actor } vous a confié { $count } irritants : { $irritants }.
notify-bulk-status = { $actor } a changé le statut de { $count } irritants que vous suivez : { $irritants }.
notify-imported = { $count ->
    [one] { $actor } a importé un irritant dont vous êtes responsable de { $file } : { $irritants }.
   *[other] { $actor } a importé { $count } irritants dont vous êtes responsable de { $file } : { $irritants }.
}

## Consigner un irritant pour une directive
action-record-for-directive = Consigner un irritant pour cette directive
form-section-recorded-for = Consigné pour cette déclaration
field-mandate-quote = Passage cité
hint-mandate-quote = Facultatif : la phrase de la déclaration qui fonde cet irritant.
quote-none = Aucune citation
directive-find-label = Trouver une déclaration à lier
hint-directive-find = Des mots de la déclaration, dans l’une de ses langues : « canola », « 油菜籽 ».
action-directive-find = Trouver les déclarations
directive-find-title = Lier { $reference } à une déclaration
directive-found = { $count } déclarations trouvées.
action-link-this-statement = Lier cette déclaration
action-back-to-irritant = Retour à l’irritant
notice-directive-linked = La déclaration est liée à cet irritant.
field-action = Avec les irritants choisis
filter-more = Autres filtres
filter-in-force = Filtres appliqués
filter-remove = Retirer le filtre { $filter }
filter-skip-to-results = Aller aux résultats
pagination-page = Page { $page }
attention-why = Pourquoi
attention-off-track = Hors trajectoire
attention-target-overdue = Date cible dépassée depuis { $days ->
    [one] 1 jour
   *[other] { $days } jours
}
attention-milestone-overdue = Un jalon est en retard de { $days ->
    [one] 1 jour
   *[other] { $days } jours
}
attention-no-owner = Aucun responsable
attention-stale = Aucune mise à jour depuis { $days } jours
sort-attention = Le plus urgent d’abord
dashboard-recent-all = Voir toutes les modifications des 7 derniers jours
changes-title = Modifications des 7 derniers jours
changes-filter = Choisir le type de modification
changes-count = { $count ->
    [one] 1 modification
   *[other] { $count } modifications
}
change-kind-any = Tous les types
change-kind-created = Nouveaux irritants
change-kind-status = Changements de statut
change-kind-target_later = Dates cibles reportées
change-kind-owner = Changements de responsable
change-kind-update = Mises à jour des progrès
change-kind-milestone = Jalons ajoutés ou modifiés
change-count-created = { $count ->
    [one] 1 nouvel irritant
   *[other] { $count } nouveaux irritants
}
change-count-status = { $count ->
    [one] 1 changement de statut
   *[other] { $count } changements de statut
}
change-count-target_later = { $count ->
    [one] 1 date cible reportée
   *[other] { $count } dates cibles reportées
}
change-count-owner = { $count ->
    [one] 1 changement de responsable
   *[other] { $count } changements de responsable
}
change-count-update = { $count ->
    [one] 1 mise à jour des progrès
   *[other] { $count } mises à jour des progrès
}
change-count-milestone = { $count ->
    [one] 1 jalon ajouté ou modifié
   *[other] { $count } jalons ajoutés ou modifiés
}
action-reassign = Réattribuer
action-hand-over = Transférer
hint-handover-note = Facultatif : ce que le nouveau responsable doit savoir. La note est conservée en commentaire; les @mentions fonctionnent.
notice-reassigned = L’irritant a un nouveau responsable, qui en a été avisé.
notify-handed-over = { $actor } vous a transféré { $reference } « { $title } » : « { $note } »
error-reassign-changed = Quelqu’un a modifié cet irritant depuis l’ouverture de la page. Vérifiez son responsable et réessayez.
field-handover = Note de transfert
history-kind-slip_proposed = Report de la date cible proposé
history-kind-slip_approved = Report de la date cible approuvé
history-kind-slip_rejected = Report de la date cible refusé
history-slip-proposed = A proposé de reporter la date cible du { $before } au { $after }; un gestionnaire décide.
history-slip-approved = A approuvé le report de la date cible du { $before } au { $after }.
history-slip-rejected = A refusé le report de la date cible du { $before } au { $after }.
field-slip-reason = Pourquoi la date cible est reportée
hint-slip-reason = Obligatoire quand la date cible est reportée; consigné dans l’historique. Pour un irritant de priorité Dirigeants ou Élevée, le report proposé par un agent attend l’approbation d’un gestionnaire.
slip-pending-title = Un report de la date cible attend un gestionnaire
slip-pending-text = { $proposer } propose de reporter la date cible du { $from } au { $to } :
slip-awaits-manager = La date cible reste inchangée jusqu’à l’approbation d’un gestionnaire.
action-slip-approve = Approuver la nouvelle date
action-slip-reject = Refuser
field-decision-reason = Motif du refus
hint-slip-rejection = Obligatoire pour refuser; l’auteur de la proposition en est avisé.
notice-slip-proposed = Enregistré. Le report de la date cible est proposé aux gestionnaires; la date reste inchangée jusqu’à ce que l’un d’eux l’approuve.
notice-slip-approved = La nouvelle date cible est approuvée et en vigueur.
notice-slip-rejected = Le report de la date cible est refusé; l’auteur de la proposition a été avisé du motif.
notify-slip-proposed = { $actor } propose de reporter la date cible de { $reference } « { $title } » du { $from } au { $to } : « { $reason } »
notify-slip-approved = { $actor } a approuvé le report de la date cible de { $reference } « { $title } » au { $to }.
notify-slip-rejected = { $actor } a refusé le report de la date cible de { $reference } « { $title } » au { $to } : « { $reason } »
notification-kind-slip_proposed = Un report de date cible à approuver
notification-kind-slip_decided = Une décision sur un report de date cible que j’ai proposé
error-slip-reason-required = Indiquez pourquoi la date cible est reportée.
error-slip-pending = Un report de la date cible attend déjà la décision d’un gestionnaire pour cet irritant.
error-slip-decided = Cette proposition a déjà été tranchée.
error-slip-overtaken = La date cible a changé depuis cette proposition; elle ne peut qu’être refusée.
dashboard-slips = Reports de date cible à approuver
slip-proposed-by = Proposé par
slip-dates = Du → au
field-reason = Motif
field-decision = Décision
error-target-date-clear-needs-manager = Seul un gestionnaire peut retirer la date cible d’un irritant de priorité Dirigeants ou Élevée.
error-priority-lower-needs-manager = Seul un gestionnaire peut abaisser la priorité d’un irritant Dirigeants ou Élevée.
error-already-owner = Cette personne est déjà responsable de l’irritant.

# The list's columns
column-counterpart = Partenaire commercial
column-sector = Secteur
column-measure_type = Type de mesure
column-status = Statut
column-status_since = Statut depuis le
column-priority = Priorité
column-rag = Confiance quant à l'exécution (feu tricolore)
column-owner = Responsable
column-lead_department = Ministère responsable
column-target_date = Date cible de règlement
column-next_milestone = Prochain jalon
column-last_activity = Dernière activité
columns-choose = Colonnes
columns-legend = Colonnes à afficher
columns-hint = La référence et le titre sont toujours affichés. Si aucune case n'est cochée, les colonnes habituelles sont affichées.
error-unknown-column = Il n'existe pas de colonne « { $value } ».
field-columns = Colonnes

# Vues enregistrées
notification-kind-view_changed = Changements dans une vue que je suis
notify-view-changed = Dans votre vue « { $name } » : { $entered ->
        [one] { $entered } nouveau
       *[other] { $entered } nouveaux
    }, { $changed ->
        [one] { $changed } modifié
       *[other] { $changed } modifiés
    }, { $left ->
        [one] { $left } sorti
       *[other] { $left } sortis
    } — { $references }{ $more ->
        [0] {""}
       *[other] { " " }et { $more } de plus
    }.
nav-views = Vues
nav-all-views = Toutes les vues…
view-save = Enregistrer la vue
view-update = Enregistrer les modifications
hint-view-shared = Tout le monde peut ouvrir et suivre une vue partagée ; vous seul pouvez la modifier.
view-form-title = Enregistrer une vue
view-delivery-digest = Dans mon résumé quotidien
view-delivery-immediate = Par courriel, sans attendre
view-delivery-in_app = Dans l'application seulement
view-follow = Suivre cette vue
view-follow-change = Changer la façon d'être avisé
view-unfollow = Ne plus suivre
view-shared-by = Partagée par { $owner }
view-personal = Personnelle : vous seul la voyez
view-followers = { $count ->
    [0] Aucun abonné
    [one] 1 abonné
   *[other] { $count } abonnés
}
view-changed = Modifiée
view-bar-heading = À propos de cette vue
view-following = Vous suivez cette vue : { $how }. Vous êtes avisé des irritants qui y entrent, y changent ou en sortent.
view-follow-hint = Suivez cette vue pour être avisé des irritants qui y entrent, y changent ou en sortent.
view-change = Renommer ou partager cette vue
view-delete = Supprimer cette vue
view-save-filters-to = Enregistrer ces filtres dans « { $name } »
view-save-as = Enregistrer comme vue…
views-title = Vues enregistrées
views-intro = Une vue conserve sous un nom les filtres, l'ordre et les colonnes d'une liste. Enregistrez-en une à partir de la liste des irritants.
views-none = Aucune vue n'a encore été enregistrée.
views-kept-by = Conservée par
views-followers = Abonnés
views-you = Vous
views-not-following = Non suivie
view-deleted = La vue a été supprimée.
view-saved = La vue a été enregistrée.
view-updated = La vue a été enregistrée.
view-followed = Vous suivez cette vue.
view-unfollowed = Vous ne suivez plus cette vue.
field-shared = Partager avec tout le monde
field-delivery = Façon d'être avisé
field-query = Filtres
error-view-query-invalid = Ces filtres ne peuvent être lus ; rouvrez la liste et enregistrez-la à partir de celle-ci.
error-view-too-broad = Cette liste compte plus de { $most } irritants, trop pour la suivre : resserrez d’abord ses filtres.
error-view-name-taken = Vous avez déjà une vue de ce nom.
link-candidates = Irritants correspondant à « { $q } » : choisissez celui à lier
link-choose = Lier { $reference }
error-link-no-match = Aucun autre irritant ne correspond à « { $value } ». Essayez d'autres mots, ou sa référence.
duplicates-heading = Cet irritant est peut-être déjà consigné
duplicate-by-title = titre semblable, même partenaire commercial
duplicate-facts = ({ $status } ; { $likeness })
duplicate-by-products = produits de la même position du SH, même partenaire commercial
duplicates-way-on = Ouvrez chacun pour comparer (dans un nouvel onglet ; ce que vous avez saisi reste ici). S'il s'agit d'un irritant différent, consignez-le.
duplicates-record-anyway = C'est un irritant différent : le consigner
hint-milestone-reason = Obligatoire si l'échéance est reportée ; conservé dans l'historique. Pour abandonner le jalon, choisissez l'état Annulé.
error-milestone-later-reason = Indiquez pourquoi l'échéance est reportée.
field-milestones = Jalons
hint-planned-milestones = Facultatif. Un par ligne : l'échéance, puis ce qui doit se produire, p. ex. 2026-03-15 Réunion technique à Pékin. Les responsables peuvent être désignés sur la page de l'irritant.
error-milestone-line = Ligne { $line } : inscrivez l'échéance au format AAAA-MM-JJ, puis ce qui doit se produire.
error-too-many-milestones = Prévoyez au plus { $max } jalons ici ; ajoutez les autres à partir de la page de l'irritant.
field-in-force-since = En vigueur depuis le
hint-in-force-since = Le jour où la mesure est entrée en vigueur, ou y entrera si elle est annoncée (AAAA-MM-JJ).

## One-page brief
report-format-docx = Word (DOCX)
brief-link = Note d'une page
brief-title = Note d'information sur { $reference }
brief-made-on = Préparée le
brief-back = Retour à l'irritant
brief-download-docx = Télécharger en Word (DOCX)
brief-issue = L'enjeu
brief-mandate = Le mandat
brief-no-mandate = Aucune déclaration n'est encore liée à cet irritant.
brief-more-mandates = { $count ->
    [one] Une autre déclaration le mandate.
   *[other] { $count } autres déclarations le mandatent.
}
brief-standing = Où en est le dossier
brief-dates = Dates clés
brief-opened = Ouvert le
brief-next-milestone = Prochain jalon
brief-latest = Faits récents
brief-nothing-yet = Rien n'est encore consigné.
brief-quoted = « { $words } »
brief-update = Compte rendu, { $rag } ({ $author }) : { $done }
field-acronym-fr = Sigle français
hint-acronym-fr = Tel que le nomment les pages, rapports et notes en français (AAC pour AAFC). Laisser vide si le code vaut dans les deux langues.
brief-actions = L'irritant, et cette note en document

# Importing irritants from a spreadsheet
action-import-irritants = Importer des irritants d'un tableur
import-irritants-title = Importer des irritants
import-irritants-intro = Importez des irritants suivis dans un tableur (CSV ou XLSX), un par ligne sous une ligne de titres de colonnes. L'exportation de la liste revient telle qu'elle était. Rien n'est enregistré avant que chaque ligne ait été vérifiée et que vous confirmiez ; alors toutes les lignes sont enregistrées ensemble, ou aucune.
field-file = Tableur
hint-import-file = Un fichier CSV ou un classeur XLSX (sa première feuille), d'au plus { $max } Mo.
import-see-list = Les voir dans la liste.
notice-irritants-imported = { $count ->
    [one] 1 irritant a été importé.
   *[other] { $count } irritants ont été importés.
}
import-preview-title = Importer { $file }
import-converted = Ce fichier n'est pas en UTF-8 : il a été lu en Windows-1252, l'encodage des anciens tableurs. Vérifiez que les lettres accentuées se lisent bien ci-dessous.
import-columns = Colonnes
import-columns-help = Choisissez le champ que remplit chaque colonne. Les colonnes reconnues à leur titre sont déjà choisies ; votre choix est retenu pour le prochain fichier aux mêmes titres.
import-column = Colonne
import-first-row = Première ligne
import-fills = Remplit
import-not-read = Non lue
field-column-0 = Colonnes
import-rows = Lignes
import-row = Ligne
import-rows-ready = { $count ->
    [one] La ligne est prête à être importée :
   *[other] Les { $count } lignes sont prêtes à être importées. Les premières :
}
import-rows-problems = { $count ->
    [one] 1 problème : rien n'est enregistré avant qu'il soit corrigé, dans le fichier ou dans les colonnes ci-dessus.
   *[other] { $count } problèmes : rien n'est enregistré avant qu'ils soient corrigés, dans le fichier ou dans les colonnes ci-dessus.
}
import-problem-cell = Ligne { $row }, colonne « { $column } » : { $message }
import-problem-row = Ligne { $row } : { $message }
action-check-again = Vérifier de nouveau
action-import-rows = { $count ->
    [one] Importer 1 irritant
   *[other] Importer { $count } irritants
}
import-mapping-download = Télécharger la correspondance de ces colonnes, pour la ligne de commande (irritrack import-irritants --mapping)
error-import-unmapped = Aucune colonne ne remplit { $fields } : choisissez-en une.
error-import-field-twice = Deux colonnes remplissent { $field } : n'en choisissez qu'une.
error-import-file-too-large = Ce fichier dépasse { $max } Mo.
error-import-sheet-empty = Ce fichier ne contient aucune ligne sous ses titres.
error-import-sheet-unreadable = Ce n'est ni un fichier CSV ni un classeur XLSX lisible.
error-import-sheet-cell-too-long = La ligne { $row }, colonne { $column } contient plus de { $max } caractères.
error-import-sheet-too-many-rows = Ce fichier a plus de { $max } lignes : importez-le en plusieurs parties.
import-duplicates = { $count ->
    [one] 1 ligne pourrait reprendre un irritant du registre. Vérifiez-la avant l'importation : elle sera importée quand même.
   *[other] { $count } lignes pourraient reprendre des irritants du registre. Vérifiez-les avant l'importation : elles seront importées quand même.
}
import-duplicate-row = La ligne { $row } pourrait reprendre
error-import-owner-not-allowed = Les lignes { $rows } confient des irritants à des personnes que vous ne pouvez pas en rendre responsables : confiez-les-vous, ou demandez à une personne qui attribue les responsables de les importer.
error-import-sheet-too-many-columns = Ce fichier a plus de { $max } colonnes.
