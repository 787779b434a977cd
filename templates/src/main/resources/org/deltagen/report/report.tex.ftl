[#-- Model: org.deltagen.report.ReportModel. Square-bracket syntax: [=x] interpolates, escaped as LaTeX; ?no_esc inserts typeset formulas. --]
[#macro equation e]
[#if e.number > 0]\begin{equation}\tag{[=e.number]}\label{eq:[=e.label]}[#else]\begin{equation*}[/#if]
\begin{aligned}
[#if e.rights?has_content]\settowidth{\lhswidth}{$\displaystyle [=e.left?no_esc]$}[=e.left?no_esc][#list e.rights as part][#if !part?is_first] \\[/#if]
 &\fitto{\dimexpr\linewidth-5em-\lhswidth\relax}{{}= [=part?no_esc]}[/#list][#else]\setlength{\lhswidth}{0pt} &\fitto{\dimexpr\linewidth-5em\relax}{[=e.left?no_esc]}[/#if][#list e.conditions as clause] \\
 &\fitto{\dimexpr\linewidth-5em-\lhswidth\relax}{[=clause?no_esc]}[/#list]
\end{aligned}
[#if e.number > 0]\end{equation}[#else]\end{equation*}[/#if]
\noindent{\small\raggedright [=e.justificationTex?no_esc].[#if e.method?has_content] \emph{Implemented in} \texttt{[=e.method]}.[/#if]\par}
\medskip
[/#macro]
\documentclass[11pt]{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage[a4paper,margin=2.4cm]{geometry}
\usepackage{amsmath,amssymb}
\usepackage{booktabs}
\usepackage{graphicx}
\usepackage{xcolor}
% The drawings need TikZ (Debian: texlive-pictures); without it the report says so instead.
\newif\ifdrawings
\IfFileExists{tikz.sty}{\usepackage{tikz}\drawingstrue}{}
\DeclareMathOperator{\sech}{sech}
\DeclareMathOperator{\csch}{csch}
\newcommand{\pd}[2]{\frac{\partial #1}{\partial #2}}
\newsavebox{\fitbox}
\newlength{\lhswidth}
% A line of an equation that would stick into the margin is scaled down to fit instead.
\newcommand{\fitto}[2]{\sbox{\fitbox}{$\displaystyle #2$}%
  \ifdim\wd\fitbox>#1\resizebox{#1}{!}{\usebox{\fitbox}}\else\usebox{\fitbox}\fi}
% A drawing, centred, scaled down to the line if wider, or a note where TikZ is missing.
\newcommand{\drawing}[1]{\ifdrawings\begin{center}\sbox{\fitbox}{#1}%
  \ifdim\wd\fitbox>\linewidth\resizebox{\linewidth}{!}{\usebox{\fitbox}}\else\usebox{\fitbox}\fi\end{center}%
  \else\emph{(This drawing needs the TikZ package: Debian's texlive-pictures.)}\par\fi}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.5em}

\title{Backpropagation for \texttt{[=model.network]}}
\author{Derived by [=model.generator] from \texttt{[=model.source]}}
\date{}

\begin{document}
\maketitle

\section{Notation}

\begin{center}
\begin{tabular}{@{}lll@{}}
\toprule
Symbol & Meaning & Note \\
\midrule
$x$ & input & $z^{(0)} = x$ \\
$u^{(l)}_j$ & weighted sum of unit $j$ of layer $l$ & \\
$z^{(l)}_j$ & output of unit $j$ of layer $l$ & $z^{(l)}_0 = 1$ feeds the biases \\
$y, d$ & network output $z^{(L)}$, target & \\
$w^{(l)}_{ij}$ & weight from $z^{(l-1)}_i$ to $u^{(l)}_j$ & $w^{(l)}_{0j}$ is the bias \\
$f_l$ & activation of layer $l$ & $z = f(u)$ \\
$E$ & error of one sample & \\
$\delta^{(l)}_j$ & $\partial E / \partial u^{(l)}_j$ & \\
$\eta$ & learning rate & \\
\bottomrule
\end{tabular}
\end{center}

\section{The network}

\begin{center}
\begin{tabular}{@{}rrlcc@{}}
\toprule
Layer $l$ & Units $n_l$ & Activation & Bias & Weights (rows $\times$ columns) \\
\midrule
[#list model.layers as layer]
[=layer.index] & [=layer.units] & [=layer.activation] & [=layer.bias] & [=layer.block] \\
[/#list]
\bottomrule
\end{tabular}
\end{center}

\drawing{[=model.drawingTex?no_esc]}
Units are numbered from 1 in each column, the square is the bias unit $z^{(l)}_0 = 1$, a line is a weight $w^{(l)}_{ij}$[#if model.drawingTex?contains("vdots")] (a wide layer is drawn as its first units, $\vdots$ and its last)[/#if][#if model.drawingTex?contains("draw[skip]")], and a blue arc is a skip that adds $z^{(k)}$ to the layer's output[/#if].

Loss: [=model.loss]; a batch combines the errors of its samples by [=model.batch]; optimizer: [=model.optimizer].
Each layer computes

[#list model.networkEquations as e][@equation e/][/#list]

\section{The goal}

Training moves every weight against the slope of $E$, so what is needed is $\partial E / \partial w^{(l)}_{ij}$ for every weight.
A weight reaches $E$ only through the weighted sum it feeds, and the chain rule splits the derivative there:

[#list model.goalEquations as e][@equation e/][/#list]
[#if model.penaltyEquations?has_content]

A step also penalizes large weights (L1 regularization, seed 002): it descends the batch's error plus $\lambda_1$ times the weights' magnitudes, biases left out, so every weight's slope gains $\lambda_1 \operatorname{sgn}(w)$, a constant pull towards 0 whatever the size of the weight (L2, the optimizers' weight decay, pulls in proportion to it):

[#list model.penaltyEquations as e][@equation e/][/#list]
[/#if]

\section{The output layer}

[#list model.outputEquations as e][@equation e/][/#list]

\section{The hidden layers}

[#if model.hiddenEquations?has_content]
A hidden unit's $u^{(l)}_j$ reaches $E$ through every unit of the next layer, so by the multivariable chain rule the derivatives along all these paths are summed.
Since $u^{(l+1)}_k = \sum_j w^{(l+1)}_{jk} f_l(u^{(l)}_j)$, each path contributes $\delta^{(l+1)}_k\, w^{(l+1)}_{jk}\, f_l'(u^{(l)}_j)$.
[#if model.pathsDrawingTex?has_content]
For unit 1 of layer [=model.pathsLayer], the paths are the red arrows, one from each unit $k$ of the layer above[#if model.pathsDrawingTex?contains("of $z^")] and one along each skip that reads the layer[/#if]:

\drawing{[=model.pathsDrawingTex?no_esc]}
[/#if]
The derivatives, layer by layer, going back:

[#list model.hiddenEquations as e][@equation e/][/#list]
[#else]
This network has no hidden layer.
[/#if]

\section{The derivatives, as derived}

Each $f'$ is Symja's \texttt{D} of the activation, then \texttt{Simplify}; where solving $z = f(u)$ for $u$ gives an algebraic form in $z$ that agrees with it, that form is used, since the forward pass has already computed $z$.

[#list model.derivatives as row]
\paragraph{Layer [=row.layer], [=row.activation] (evaluated [=row.form]).}
\begin{align*}
\text{derived:}\quad & \fitto{\dimexpr\linewidth-10em\relax}{[=row.rawTex?no_esc]} \\
\text{simplified:}\quad & \fitto{\dimexpr\linewidth-10em\relax}{[=row.simplifiedTex?no_esc]}[#if row.zTex?has_content] \\
\text{in } z\text{:}\quad & \fitto{\dimexpr\linewidth-10em\relax}{[=row.zTex?no_esc]}[/#if]
\end{align*}
[/#list]

\section{The gradient of every weight}

With each layer's $\delta$ written out, the chain rule of the goal gives every weight's gradient; these restate derived equations, so they take no number of their own.

[#list model.gradientEquations as e][@equation e/][/#list]

\section{Vanishing gradients}

Going back one layer multiplies $\delta$ by that layer's $f'$, so $\max_u |f'(u)|$ bounds how much each hidden layer can pass on.

[#if model.bounds?has_content]
\begin{center}
\begin{tabular}{@{}rlrr@{}}
\toprule
Layer & Activation & $\max |f'(u)|$ & at $u$ \\
\midrule
[#list model.bounds as bound]
[=bound.layer] & [=bound.activation] & [=bound.maximum] & [=bound.at] \\
[/#list]
\bottomrule
\end{tabular}
\end{center}
[/#if]
[=model.boundProduct][#if model.skipBoundTex?has_content]

[=model.skipBoundTex?no_esc][/#if]

\section{The update}

[#list model.updateEquations as e][@equation e/][/#list]

\section{Checks}

[#if model.checks?has_content]
[#list model.checks as check]
\paragraph{[=check.title] [#if check.passed]passed[#else]\textbf{failed}[/#if].}
{\raggedright [=check.scope?cap_first]. Worst parameter $[=check.worst?no_esc]$: [=check.first], [=check.second];
relative error [=check.error] ([#if check.passed]at most[#else]more than[/#if] [=check.tolerance]).\par}

[/#list]
[#else]
No checks were run for this report.
[/#if]

\end{document}
